"""Activity records and kinds: validate, write in a transaction with the actor, keep history."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.fiscal import local_date
from sasaeai.core.history import delete_replaced, delete_with
from sasaeai.core.models import Area, Municipality, StaffRole
from sasaeai.core.permissions import Access, access_for

from ..access import may_record_in
from ..models import ActivityCoordinator, ActivityKind, ActivityRecord, ActivityResource, Unit

# (code, label, unit) — the rows of the monthly table most municipalities print (Minato-ku's order).
DEFAULT_KINDS: tuple[tuple[str, str, str], ...] = (
    ("visit", "訪問", Unit.CASES),
    ("consultation", "相談", Unit.CASES),
    ("council_l1", "第1層協議体", Unit.TIMES),
    ("council_l2", "第2層協議体", Unit.TIMES),
    ("coordinator_meeting", "コーディネーター会議", Unit.TIMES),
    ("community_care_meeting", "地域ケア会議", Unit.TIMES),
    ("workshop", "ワークショップ・勉強会", Unit.TIMES),
    ("symposium", "シンポジウム", Unit.TIMES),
    ("training", "研修会・講座", Unit.TIMES),
    ("liaison", "関係機関との情報交換", Unit.CASES),
    ("other", "その他", Unit.CASES),
)

RECORD_FIELDS = (
    "date", "start_time", "duration_minutes", "kind", "area", "met_with", "participants", "summary",
    "follow_up_on", "follow_up_note", "follow_up_done",
)  # fmt: skip
TEXT_FIELDS = ("met_with", "summary", "follow_up_note")


# --- kinds ------------------------------------------------------------------------------------


def ensure_default_kinds(municipality: Municipality) -> None:
    """Create the default kinds the municipality lacks; cheap and safe to call on every request."""
    existing = set(ActivityKind.objects.filter(municipality=municipality).values_list("code", flat=True))
    missing = [(i, k) for i, k in enumerate(DEFAULT_KINDS) if k[0] not in existing]
    for index, (code, label, unit) in missing:
        try:
            with transaction.atomic():
                ActivityKind.objects.create(
                    municipality=municipality, code=code, label=label, unit=unit, order=(index + 1) * 10
                )
        except IntegrityError:  # created by a concurrent request meanwhile
            pass


def kinds_for(municipality: Municipality, *, active_only: bool = True) -> list[ActivityKind]:
    ensure_default_kinds(municipality)
    qs = ActivityKind.objects.filter(municipality=municipality)
    if active_only:
        qs = qs.filter(is_active=True)
    return list(qs.order_by("order", "id"))


def _validate_kind(kind: ActivityKind) -> None:
    errors = {}
    if not kind.label.strip():
        errors["label"] = _("Enter a label.")
    if not kind.code:
        errors["code"] = _("Enter a code (letters, digits, - and _).")
    elif (
        ActivityKind.objects.filter(municipality_id=kind.municipality_id, code=kind.code)
        .exclude(pk=kind.pk)
        .exists()
    ):
        errors["code"] = _("Another kind already uses this code.")
    if kind.unit not in Unit.values:
        errors["unit"] = _("Choose 回 or 件.")
    if errors:
        raise ValidationError(errors)


KIND_FIELDS = ("code", "label", "unit", "order", "is_active")


def create_kind(municipality: Municipality, data: dict[str, Any], *, actor) -> ActivityKind:
    kind = ActivityKind(municipality=municipality, **{k: v for k, v in data.items() if k in KIND_FIELDS})
    _validate_kind(kind)
    with transaction.atomic():
        kind._history_user = actor
        kind.save()
    return kind


def update_kind(
    kind: ActivityKind, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> ActivityKind:
    if "code" in data and data["code"] != kind.code and kind.records.exists():
        # Other apps address kinds by code (councils → council_l1); a used code stays.
        raise ValidationError({"code": _("This kind already has records; its code cannot change.")})
    for key, value in data.items():
        if key in KIND_FIELDS:
            setattr(kind, key, value)
    _validate_kind(kind)
    with transaction.atomic():
        check_and_bump(kind, expected_version)
        kind._history_user = actor
        kind.save()
    return kind


# --- records ----------------------------------------------------------------------------------


def _resolve_kind(municipality: Municipality, kind) -> ActivityKind | None:
    if isinstance(kind, ActivityKind):
        return kind
    if not kind:
        return None
    ensure_default_kinds(municipality)
    return ActivityKind.objects.filter(municipality=municipality, code=str(kind)).first()


def _validate_record(record: ActivityRecord, *, new_kind: bool, allow_future: bool) -> None:
    errors: dict[str, str] = {}
    if record.date is None:
        errors["date"] = _("Enter the date.")
    elif not allow_future and record.date > timezone.localdate():
        errors["date"] = _("The date is in the future; record what has been done.")
    elif record.date.year < 1989:
        errors["date"] = _("The date is too far in the past.")
    if record.kind_id is None:
        errors["kind"] = _("Choose a kind of activity.")
    elif record.kind.municipality_id != record.municipality_id:
        errors["kind"] = _("The kind belongs to another municipality.")
    elif new_kind and not record.kind.is_active:
        errors["kind"] = _("This kind is no longer in use.")
    if record.area_id is not None and record.area.municipality_id != record.municipality_id:
        errors["area"] = _("The area belongs to another municipality.")
    if record.duration_minutes is not None and not (0 <= record.duration_minutes <= 24 * 60):
        errors["duration_minutes"] = _("Enter a duration between 0 and 1440 minutes.")
    if record.participants is not None and record.participants < 0:
        errors["participants"] = _("Enter a number of 0 or more.")
    if record.follow_up_on and record.date and record.follow_up_on < record.date:
        errors["follow_up_on"] = _("The follow-up date cannot be before the activity.")
    if len(record.summary) > 10000:
        errors["summary"] = _("The summary is too long (at most 10,000 characters).")
    if errors:
        raise ValidationError(errors)


def _apply(record: ActivityRecord, data: dict[str, Any]) -> None:
    for key in RECORD_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key == "kind":
            value = _resolve_kind(record.municipality, value)
            if value is None and data[key]:
                raise ValidationError(
                    {"kind": _("There is no kind with the code “%(c)s”.") % {"c": data[key]}}
                )
        elif key == "date" and isinstance(value, datetime.datetime | datetime.date):
            value = local_date(value)  # a time stamp counts on its Asia/Tokyo calendar day
        elif key in TEXT_FIELDS:
            value = (value or "").strip()
        elif key == "follow_up_done":
            value = bool(value)
        setattr(record, key, value)


def _validate_coordinators(municipality: Municipality, users) -> None:
    ids = {u.pk for u in users}
    staff = set(
        StaffRole.objects.filter(municipality=municipality, user_id__in=ids).values_list("user_id", flat=True)
    )
    strangers = [u for u in users if u.pk not in staff and not u.is_superuser]
    if strangers:
        raise ValidationError(
            {"coordinators": _("%(name)s is not staff of this municipality.") % {"name": strangers[0]}}
        )


def _set_coordinators(record: ActivityRecord, users, *, actor) -> None:
    wanted = {u.pk: u for u in users}
    current = {link.user_id: link for link in record.coordinator_links.all()}
    for user_id, link in current.items():
        if user_id not in wanted:
            delete_replaced(link, actor=actor)
    for user_id in wanted.keys() - current.keys():
        link = ActivityCoordinator(municipality_id=record.municipality_id, record=record, user_id=user_id)
        link._history_user = actor
        link.save()


def _set_resources(record: ActivityRecord, resources, *, actor) -> None:
    wanted = {r.pk for r in resources}
    strangers = [r for r in resources if r.municipality_id != record.municipality_id]
    if strangers:
        raise ValidationError({"resources": _("The resource belongs to another municipality.")})
    current = {link.resource_id: link for link in record.resource_links.all()}
    for resource_id, link in current.items():
        if resource_id not in wanted:
            delete_replaced(link, actor=actor)
    for resource_id in wanted - current.keys():
        link = ActivityResource(
            municipality_id=record.municipality_id, record=record, resource_id=resource_id
        )
        link._history_user = actor
        link.save()


def check_area(municipality: Municipality, area: Area | None, *, actor, access: Access | None) -> None:
    """The one rule for pages, API, imports and the demo: you may record activities only where your
    role reaches (an area-scoped coordinator: their own area subtree, never a record without area).

    `access` is what the actor may do (the request's access); None computes it for the actor. With
    neither (the system itself, e.g. a test fixture) there is nobody to limit.
    """
    if access is None:
        if actor is None:
            return
        access = access_for(actor, municipality)
    if not may_record_in(access, area):
        raise PermissionDenied(_("You may record activities only in your own area."))


def create_record(
    municipality: Municipality,
    data: dict[str, Any],
    *,
    actor,
    access: Access | None = None,
    allow_future: bool = False,
    from_source: bool = False,
) -> ActivityRecord:
    """Create a record; `data["coordinators"]` (users) defaults to the actor.

    PermissionDenied when the record's area is outside what `access` (or the actor) may record in;
    a record another app keeps in step (`from_source`) follows that app's rules instead.
    """
    record = ActivityRecord(municipality=municipality, source_key=data.get("source_key", "") or "")
    _apply(record, data)
    if not from_source:
        check_area(municipality, record.area, actor=actor, access=access)
    # A council meeting held must count even if the municipality retired the kind from the entry form.
    _validate_record(record, new_kind=not from_source, allow_future=allow_future)
    coordinators = data.get("coordinators")
    if coordinators is None:
        coordinators = [actor] if actor is not None and actor.is_authenticated else []
    _validate_coordinators(municipality, coordinators)
    with transaction.atomic():
        record.created_by = actor if actor is not None and actor.is_authenticated else None
        record._history_user = actor
        record.save()
        _set_coordinators(record, coordinators, actor=actor)
        if data.get("resources"):
            _set_resources(record, data["resources"], actor=actor)
    return record


FOLLOW_UP_FIELDS = {"follow_up_on", "follow_up_note", "follow_up_done"}


def _refuse_sourced(record: ActivityRecord) -> None:
    raise ValidationError(
        _(
            "This record is kept in step by another part of the system (e.g. a council meeting); change it there."
        )
    )


def update_record(
    record: ActivityRecord,
    data: dict[str, Any],
    *,
    actor,
    access: Access | None = None,
    expected_version: int | None = None,
    allow_future: bool = False,
    from_source: bool = False,
) -> ActivityRecord:
    """Change a record. A record another app owns changes only through that app (its follow-up aside).

    Both where the record lies and where it moves to must be within what `access` may record in.
    """
    if record.source_key and not from_source and set(data) - FOLLOW_UP_FIELDS - {"version"}:
        _refuse_sourced(record)
    if not from_source:  # where the record lies
        check_area(record.municipality, record.area, actor=actor, access=access)
    old_kind_id = record.kind_id
    _apply(record, data)
    if not from_source:  # and where it moves to
        check_area(record.municipality, record.area, actor=actor, access=access)
    _validate_record(
        record, new_kind=record.kind_id != old_kind_id and not from_source, allow_future=allow_future
    )
    if data.get("coordinators") is not None:
        _validate_coordinators(record.municipality, data["coordinators"])
    with transaction.atomic():
        check_and_bump(record, expected_version)
        record._history_user = actor
        record.save()
        if "coordinators" in data and data["coordinators"] is not None:
            _set_coordinators(record, data["coordinators"], actor=actor)
        if data.get("resources") is not None:
            _set_resources(record, data["resources"], actor=actor)
    return record


def delete_record(
    record: ActivityRecord, *, actor, access: Access | None = None, from_source: bool = False
) -> None:
    if record.source_key and not from_source:
        _refuse_sourced(record)
    if not from_source:
        check_area(record.municipality, record.area, actor=actor, access=access)
    delete_with(record, [*record.coordinator_links.all(), *record.resource_links.all()], actor=actor)


def mark_follow_up_done(
    record: ActivityRecord, *, actor, access: Access | None = None, done: bool = True
) -> ActivityRecord:
    return update_record(record, {"follow_up_done": done}, actor=actor, access=access, allow_future=True)


def sync_sourced_activity(
    municipality: Municipality, source_key: str, data: dict | None, *, actor
) -> ActivityRecord | None:
    """Keep the one record that another app owns (e.g. "councils.meeting:42") in step with it.

    `data` (date, kind code, area, summary, participants) upserts it; None deletes it.
    """
    if not source_key:
        raise ValueError("source_key is required")
    with transaction.atomic():
        existing = ActivityRecord.objects.filter(municipality=municipality, source_key=source_key).first()
        if data is None:
            if existing is not None:
                delete_record(existing, actor=actor, from_source=True)
            return None
        fields = {k: v for k, v in data.items() if k in RECORD_FIELDS or k in ("coordinators", "resources")}
        fields.setdefault("summary", "")
        if existing is None:
            fields.setdefault("coordinators", [])
            return create_record(
                municipality,
                {**fields, "source_key": source_key},
                actor=actor,
                allow_future=True,
                from_source=True,
            )
        return update_record(existing, fields, actor=actor, allow_future=True, from_source=True)


def last_record_for(municipality: Municipality, user) -> ActivityRecord | None:
    """The user's latest typed-in record, the base of "same as last time"."""
    return (
        ActivityRecord.objects.filter(municipality=municipality, coordinator_links__user=user, source_key="")
        .select_related("kind", "area")
        .order_by("-created_at", "-id")
        .first()
    )


def users_by_id(ids) -> list:
    return list(get_user_model().objects.filter(pk__in=list(ids)))


def area_in(municipality: Municipality, area_id) -> Area | None:
    if area_id in (None, ""):
        return None
    area = Area.objects.filter(municipality=municipality, pk=area_id).first()
    if area is None:
        raise ValidationError({"area": _("There is no such area.")})
    return area
