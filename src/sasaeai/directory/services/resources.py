"""Resources (社会資源): create, change, delete, with schedules, closures and the search columns."""

from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.history import delete_replaced, delete_with, save_with_links
from sasaeai.core.models import Municipality

from ..models import Closure, ClosureKind, Frequency, Resource, ResourceStatus, Schedule
from ..scheduling import parse_byday, parse_bymonthday, schedule_weekdays
from .common import check_contacts, check_length, check_same_municipality
from .text import normalise

RESOURCE_FIELDS = (
    "name", "reading", "description", "organization", "area", "status", "published", "phone", "email", "url",
    "cost", "is_free", "min_age", "accepts_independent", "accepts_support_need", "accepts_care_need",
    "disability_ok", "residents_only", "eligibility_note", "capacity", "how_to_join", "wheelchair_accessible",
    "transport_provided", "accessibility_note", "schedule_note", "last_verified",
)  # fmt: skip
TEXT_FIELDS = {
    "name", "reading", "description", "phone", "email", "url", "cost", "eligibility_note", "how_to_join",
    "accessibility_note", "schedule_note",
}  # fmt: skip
RELATION_LISTS = ("categories", "service_areas", "places")
SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "note",
    "place",
)
CLOSURE_FIELDS = ("kind", "starts_on", "ends_on", "reason")


def _apply(resource: Resource, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in RESOURCE_FIELDS:
            if value is None and key in TEXT_FIELDS:
                value = ""
            if value is None and key == "published":
                value = False
            setattr(resource, key, value)
    resource.name = (resource.name or "").strip()
    if resource.status == ResourceStatus.ENDED:
        resource.ended_on = resource.ended_on or timezone.localdate()
    else:
        resource.ended_on = None


def _validate(resource: Resource, relations: dict[str, list]) -> None:
    errors: dict[str, str] = {}
    if not resource.name:
        errors["name"] = _("Enter a name.")
    check_length(
        errors, resource,
        {"name": 200, "reading": 200, "phone": 30, "cost": 200, "eligibility_note": 300, "accessibility_note": 300,
         "schedule_note": 300},
    )  # fmt: skip
    if resource.status not in ResourceStatus.values:
        errors["status"] = _("Choose a status: preparing, active, paused or ended.")
    if resource.min_age is not None and not (0 <= resource.min_age <= 120):
        errors["min_age"] = _("Enter an age between 0 and 120.")
    if resource.capacity is not None and resource.capacity < 0:
        errors["capacity"] = _("Enter a number of 0 or more.")
    if resource.last_verified and resource.last_verified > timezone.localdate():
        errors["last_verified"] = _("The date of the last check cannot be in the future.")
    check_contacts(errors, resource)
    check_same_municipality(errors, "organization", resource.municipality_id, [resource.organization])
    check_same_municipality(errors, "area", resource.municipality_id, [resource.area])
    for name in RELATION_LISTS:
        check_same_municipality(errors, name, resource.municipality_id, relations.get(name) or [])
    if errors:
        raise ValidationError(errors)


def _clean_schedule(raw: dict[str, Any], index: int, municipality_id: int) -> dict[str, Any]:
    """Check one schedule; errors are reported on fields like "schedules.1.byday"."""
    prefix = f"schedules.{index}."
    errors = {}
    item = {k: raw.get(k) for k in SCHEDULE_FIELDS if k in raw}
    item["freq"] = (item.get("freq") or "").upper()
    item["byday"] = (item.get("byday") or "").replace(" ", "").upper()
    item["bymonthday"] = (item.get("bymonthday") or "").replace(" ", "")
    item["note"] = item.get("note") or ""
    item["interval"] = item.get("interval") or 1
    if item["freq"] and item["freq"] not in Frequency.values:
        errors[prefix + "freq"] = _("Choose weekly, monthly or daily.")
    days = []
    try:
        days = parse_byday(item["byday"])
    except ValueError as exc:
        errors[prefix + "byday"] = _("“%(v)s” is not a day such as WE, 2TU or -1FR.") % {"v": exc.args[0]}
    try:
        parse_bymonthday(item["bymonthday"])
    except ValueError:
        errors[prefix + "bymonthday"] = _("Days of the month are numbers from 1 to 31, separated by commas.")
    if not item["freq"] and not item["note"]:
        errors[prefix + "note"] = _("Describe an irregular schedule in the note, or choose a frequency.")
    if item["freq"] == "WEEKLY" and not item["byday"] and not item.get("valid_from"):
        errors[prefix + "byday"] = _("Choose the day of the week.")
    if item["freq"] in ("WEEKLY", "DAILY") and any(n is not None for n, _d in days):
        errors[prefix + "byday"] = _("A weekly schedule takes plain days (WE); use monthly for 2TU.")
    if not (1 <= int(item["interval"]) <= 52):
        errors[prefix + "interval"] = _("The interval must be between 1 and 52.")
    opens, closes = item.get("opens_at"), item.get("closes_at")
    if opens and closes and isinstance(opens, time) and closes <= opens:
        errors[prefix + "closes_at"] = _("The closing time must be after the opening time.")
    if item.get("valid_from") and item.get("valid_to") and item["valid_to"] < item["valid_from"]:
        errors[prefix + "valid_to"] = _("The end date must not be before the start date.")
    place = item.get("place")
    if place is not None and place.municipality_id != municipality_id:
        errors[prefix + "place"] = _("This choice belongs to another municipality.")
    if errors:
        raise ValidationError(errors)
    return item


def _clean_closure(raw: dict[str, Any], index: int) -> dict[str, Any]:
    prefix = f"closures.{index}."
    item = {k: raw.get(k) for k in CLOSURE_FIELDS}
    item["kind"] = item.get("kind") or ClosureKind.PERIOD
    item["reason"] = item.get("reason") or ""
    errors = {}
    if item["kind"] not in ClosureKind.values:
        errors[prefix + "kind"] = _("Choose the kind of closure.")
    elif item["kind"] == ClosureKind.PERIOD:
        if not item.get("starts_on"):
            errors[prefix + "starts_on"] = _("Enter the first day of the closure.")
        elif item.get("ends_on") and item["ends_on"] < item["starts_on"]:
            errors[prefix + "ends_on"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)
    return item


def _collect(items, cleaner, *args) -> list[dict]:
    cleaned, errors = [], {}
    for i, raw in enumerate(items or []):
        try:
            cleaned.append(cleaner(raw, i, *args))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _replace_children(resource: Resource, schedules, closures, actor) -> None:
    if schedules is not None:
        for old in resource.schedules.all():
            delete_replaced(old, actor=actor)
        for item in schedules:
            s = Schedule(municipality_id=resource.municipality_id, resource=resource, **item)
            s._history_user = actor
            s.save()
    if closures is not None:
        for old in resource.closures.all():
            delete_replaced(old, actor=actor)
        for item in closures:
            c = Closure(municipality_id=resource.municipality_id, resource=resource, **item)
            c._history_user = actor
            c.save()


def search_columns(resource: Resource) -> dict[str, Any]:
    """The derived columns the search reads, computed from the saved resource and its relations."""
    categories = list(resource.categories.select_related("parent"))
    names = {c.name for c in categories} | {c.parent.name for c in categories if c.parent_id}
    places = list(resource.places.order_by("pk"))
    org = resource.organization
    today = timezone.localdate()
    weekdays: set[int] = set()
    for s in resource.schedules.all():
        if s.valid_to is None or s.valid_to >= today:
            weekdays |= schedule_weekdays(s)
    point = next(((p.latitude, p.longitude) for p in places if p.latitude is not None), (None, None))
    parts = [
        resource.name,
        resource.reading,
        *sorted(names),
        org.name if org else "",
        org.reading if org else "",
    ]
    parts += [p.name for p in places] + [p.address for p in places] + [resource.description]
    return {
        "search_name": normalise(resource.name)[:200],
        "search_reading": normalise(resource.reading)[:200],
        "search_categories": "|".join(normalise(n) for n in sorted(names))[:600],
        "search_text": "|".join(normalise(p) for p in parts if p),
        "latitude": point[0],
        "longitude": point[1],
        "weekdays": "".join(str(d) for d in sorted(weekdays)),
    }


def refresh_search(resource: Resource) -> None:
    columns = search_columns(resource)
    Resource.objects.filter(pk=resource.pk).update(**columns)
    for key, value in columns.items():
        setattr(resource, key, value)


def refresh_search_for(queryset) -> None:
    for resource in queryset.select_related("organization"):
        refresh_search(resource)


def _save(
    resource: Resource, data: dict[str, Any], *, actor, expected_version=None, creating: bool
) -> Resource:
    relations = {k: list(data[k]) for k in RELATION_LISTS if k in data and data[k] is not None}
    _apply(resource, data)
    _validate(resource, relations)
    schedules = (
        _collect(data.get("schedules"), _clean_schedule, resource.municipality_id)
        if "schedules" in data
        else None
    )
    closures = _collect(data.get("closures"), _clean_closure) if "closures" in data else None
    with transaction.atomic():
        if not creating:
            check_and_bump(resource, expected_version)
        resource._history_user = actor
        save_with_links(resource, relations, created=creating)  # one history row, links included
        _replace_children(resource, schedules, closures, actor)
        refresh_search(resource)
    return resource


def create_resource(municipality: Municipality, data: dict[str, Any], *, actor) -> Resource:
    """Create a resource; `data` may hold categories, service_areas, places, schedules and closures."""
    resource = Resource(municipality=municipality)
    return _save(resource, data, actor=actor, creating=True)


def update_resource(
    resource: Resource, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> Resource:
    """Change the keys given in `data`; lists given replace the old ones (schedules, closures …)."""
    return _save(resource, data, actor=actor, expected_version=expected_version, creating=False)


def mark_verified(resource: Resource, *, actor) -> Resource:
    return update_resource(resource, {"last_verified": timezone.localdate()}, actor=actor)


def delete_resource(resource: Resource, *, actor) -> None:
    """Delete a resource with its schedules and closures (a restore from the trash brings them back)."""
    delete_with(resource, [*resource.schedules.all(), *resource.closures.all()], actor=actor)


def find_duplicate_resource(municipality: Municipality, name: str, organization=None, exclude_pk=None):
    """A resource with the same (normalised) name and provider: the import's duplicate check."""
    key = normalise(name)
    qs = Resource.objects.filter(municipality=municipality, search_name=key[:200], organization=organization)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()
