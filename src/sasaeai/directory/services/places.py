"""Places (HSDS locations), including potential resources (資源のタネ)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.models import Municipality

from ..models import Place
from .common import check_length, check_point, check_same_municipality

PLACE_FIELDS = (
    "name", "reading", "postal_code", "address", "latitude", "longitude", "area", "is_potential", "capacity",
    "availability", "notes",
)  # fmt: skip


def _validate(place: Place) -> None:
    errors: dict[str, str] = {}
    if not (place.name or "").strip():
        errors["name"] = _("Enter the name of the place.")
    check_length(errors, place, {"name": 200, "reading": 200, "address": 200, "postal_code": 10})
    check_point(errors, place.latitude, place.longitude)
    check_same_municipality(errors, "area", place.municipality_id, [place.area])
    if errors:
        raise ValidationError(errors)


def _apply(place: Place, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in PLACE_FIELDS:
            if value is None and key in (
                "name",
                "reading",
                "postal_code",
                "address",
                "availability",
                "notes",
            ):
                value = ""
            setattr(place, key, value)


def create_place(municipality: Municipality, data: dict[str, Any], *, actor) -> Place:
    place = Place(municipality=municipality)
    _apply(place, data)
    _validate(place)
    with transaction.atomic():
        place._history_user = actor
        place.save()
    return place


def update_place(place: Place, data: dict[str, Any], *, actor, expected_version: int | None = None) -> Place:
    _apply(place, data)
    _validate(place)
    with transaction.atomic():
        check_and_bump(place, expected_version)
        place._history_user = actor
        place.save()
        from .resources import refresh_search_for

        refresh_search_for(place.resources.all())
    return place


def delete_place(place: Place, *, actor) -> None:
    if place.resources.exists():
        raise ValidationError(_("Resources take place here. Remove the place from them first."))
    with transaction.atomic():
        place._history_user = actor
        place.delete()
