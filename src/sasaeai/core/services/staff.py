"""Staff accounts and their roles per municipality."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import AREA_SCOPED_ROLE_NAMES, Area, Municipality, Role, StaffRole

User = get_user_model()


def create_staff_user(
    *, username: str, password: str, full_name: str = "", email: str = "", actor, validate: bool = True
):
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    user = User(username=username, email=email)
    user.last_name = full_name
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    audit.record("core.user.created", actor=actor, obj=user, data={"username": username})
    return user


def grant_role(
    municipality: Municipality, user, role: str, *, area: Area | None = None, title: str = "", actor
):
    errors = {}
    if role not in Role.values:
        errors["role"] = _("Choose a role from the list.")
    elif role in AREA_SCOPED_ROLE_NAMES and area is None:
        errors["area"] = _("This role works in an area: choose the area.")
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = _("The area belongs to another municipality.")
    if (
        not errors
        and StaffRole.objects.filter(municipality=municipality, user=user, role=role, area=area).exists()
    ):
        errors["role"] = _("The user already has this role.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        staff_role = StaffRole(municipality=municipality, user=user, role=role, area=area, title=title)
        staff_role._history_user = actor
        staff_role.save()
    return staff_role


def revoke_role(staff_role: StaffRole, *, actor) -> None:
    with transaction.atomic():
        staff_role._history_user = actor
        staff_role.delete()
