"""Checks shared by the directory services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _


def check_point(errors: dict, latitude, longitude) -> None:
    if (latitude is None) != (longitude is None):
        errors["longitude" if longitude is None else "latitude"] = _("Enter both latitude and longitude.")
    if latitude is not None and not (20 <= latitude <= 46):
        errors["latitude"] = _("The latitude is outside Japan (20–46).")
    if longitude is not None and not (122 <= longitude <= 154):
        errors["longitude"] = _("The longitude is outside Japan (122–154).")


def check_contacts(errors: dict, obj) -> None:
    if obj.email:
        try:
            EmailValidator()(obj.email)
        except DjangoValidationError:
            errors["email"] = _("Enter a valid email address.")
    if obj.url:
        try:
            URLValidator()(obj.url)
        except DjangoValidationError:
            errors["url"] = _("Enter a valid web address (https://…).")


def check_same_municipality(errors: dict, field: str, municipality_id: int, objs) -> None:
    for obj in objs:
        if obj is not None and obj.municipality_id != municipality_id:
            errors[field] = _("This choice belongs to another municipality.")
            return


def check_length(errors: dict, obj, fields: dict[str, int]) -> None:
    for name, limit in fields.items():
        value = getattr(obj, name) or ""
        if len(value) > limit:
            errors[name] = _("The text is too long (at most %(n)s characters).") % {"n": limit}
