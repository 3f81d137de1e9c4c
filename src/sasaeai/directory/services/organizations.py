"""Organisations (団体・事業所): create, change, delete."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sasaeai.core import permissions as perms
from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.models import Municipality

from ..models import Organization, Sector
from .common import check_contacts, check_length, check_same_municipality
from .text import normalise

# Fields that can name a person (担当者, and free-text notes that may name people): personal data, shown only
# to staff with PERSONAL_VIEW over the organisation's area. Viewers and council members never get them.
PERSONAL_FIELDS = ("contact_person", "notes")

ORGANIZATION_FIELDS = (
    "name", "reading", "type", "sector", "area", "postal_code", "address", "phone", "email", "url",
    "contact_person", "notes",
)  # fmt: skip


def shows_personal(access, org: Organization) -> bool:
    """The one rule for pages, API and exports: may this user see the organisation's personal fields?

    An organisation without an area needs PERSONAL_VIEW for the whole municipality.
    """
    return access is not None and access.can(perms.PERSONAL_VIEW, org.area)


def personal_value(access, org: Organization, field: str) -> str:
    """The field's value, or "" when it is personal and the user may not see it."""
    value = getattr(org, field) or ""
    if field in PERSONAL_FIELDS and not shows_personal(access, org):
        return ""
    return value


def has_personal(org: Organization) -> bool:
    return any(getattr(org, f) for f in PERSONAL_FIELDS)


def _validate(org: Organization) -> None:
    errors: dict[str, str] = {}
    if not (org.name or "").strip():
        errors["name"] = _("Enter a name.")
    check_length(errors, org, {"name": 200, "reading": 200, "address": 200, "phone": 30, "postal_code": 10})
    if org.type_id:
        org.sector = org.type.sector
    if org.sector and org.sector not in Sector.values:
        errors["sector"] = _("Choose a sector.")
    check_same_municipality(errors, "type", org.municipality_id, [org.type])
    check_same_municipality(errors, "area", org.municipality_id, [org.area])
    check_contacts(errors, org)
    if errors:
        raise ValidationError(errors)


def _apply(org: Organization, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in ORGANIZATION_FIELDS:
            setattr(org, key, "" if value is None and key not in ("type", "area") else value)
    org.name = (org.name or "").strip()
    org.search_text = "|".join(normalise(v) for v in (org.name, org.reading, org.address))


def create_organization(municipality: Municipality, data: dict[str, Any], *, actor) -> Organization:
    org = Organization(municipality=municipality)
    _apply(org, data)
    _validate(org)
    with transaction.atomic():
        org._history_user = actor
        org.save()
    return org


def update_organization(
    org: Organization, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> Organization:
    old_name = org.name
    _apply(org, data)
    _validate(org)
    with transaction.atomic():
        check_and_bump(org, expected_version)
        org._history_user = actor
        org.save()
        if org.name != old_name:
            from .resources import refresh_search_for

            refresh_search_for(org.resources.all())
    return org


def delete_organization(org: Organization, *, actor) -> None:
    if org.resources.exists():
        raise ValidationError(_("Resources of this organisation exist. Change their provider first."))
    with transaction.atomic():
        org._history_user = actor
        org.delete()


def find_duplicate_organization(
    municipality: Municipality, name: str, exclude_pk=None
) -> Organization | None:
    key = normalise(name)
    qs = Organization.objects.filter(municipality=municipality, search_text__startswith=key + "|")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def organization_history(org: Organization, *, show_personal: bool) -> list:
    """The record's history; without `show_personal` the changes of personal fields are left out."""
    from sasaeai.core.history import history_entries

    entries = history_entries(org)
    if not show_personal:
        hidden = {str(Organization._meta.get_field(f).verbose_name) for f in PERSONAL_FIELDS}
        for entry in entries:
            entry.changes = [c for c in entry.changes if c.field not in hidden]
    return entries
