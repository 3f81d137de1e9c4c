"""Organisations (団体・事業所): create, change, delete."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.models import Municipality

from ..models import Organization, Sector
from .common import check_contacts, check_length, check_same_municipality
from .text import normalise

ORGANIZATION_FIELDS = (
    "name", "reading", "type", "sector", "area", "postal_code", "address", "phone", "email", "url",
    "contact_person", "notes",
)  # fmt: skip


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
