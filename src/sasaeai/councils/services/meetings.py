"""Meetings (第N回 per council and fiscal year), their agenda and decisions."""

import importlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sasaeai.core import audit
from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.fiscal import fiscal_year_of

from ..models import AgendaItem, Council, CouncilMember, Decision, Meeting
from ._common import assign, delete, save

MEETING_FIELDS = (
    "date", "start_time", "end_time", "place", "format", "status", "other_attendance", "participant_count",
    "notice_text", "minutes",
)  # fmt: skip
AGENDA_FIELDS = ("order", "kind", "title", "presenter", "notes")


def _validate_meeting(meeting: Meeting, attendees) -> None:
    errors = {}
    if meeting.date is None:
        errors["date"] = _("Enter the date.")
    if meeting.format not in Meeting.Format.values:
        errors["format"] = _("Choose one of the allowed values.")
    if meeting.status not in Meeting.Status.values:
        errors["status"] = _("Choose one of the allowed values.")
    if meeting.status == Meeting.Status.HELD and meeting.date and meeting.date > timezone.localdate():
        errors["status"] = _("A meeting in the future cannot be marked as held.")
    if meeting.start_time and meeting.end_time and meeting.end_time < meeting.start_time:
        errors["end_time"] = _("The meeting ends before it starts.")
    if meeting.participant_count is not None and meeting.participant_count < 0:
        errors["participant_count"] = _("Enter a number of 0 or more.")
    if attendees is not None and any(a.council_id != meeting.council_id for a in attendees):
        errors["attendees"] = _("Only members of this council can be marked as attending.")
    if errors:
        raise ValidationError(errors)


def _next_number(council: Council, fiscal_year: int) -> int:
    # The council row is locked first (PostgreSQL); SQLite runs write transactions one at a time
    # (transaction_mode IMMEDIATE). The unique constraint is the last guard.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    last = Meeting.objects.filter(council=council, fiscal_year=fiscal_year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _activity_sync():
    """The activities app's sync function, when that app provides it."""
    try:
        return importlib.import_module("sasaeai.activities.services").sync_sourced_activity
    except (ImportError, AttributeError):
        return None


def activity_source_key(meeting: Meeting) -> str:
    return f"councils.meeting:{meeting.pk}"


def _sync_activity(meeting: Meeting, *, actor, deleted: bool = False) -> None:
    """A held meeting counts once in the activity report (council_l1 / council_l2); others do not."""
    sync = _activity_sync()
    if sync is None:
        return
    council = meeting.council
    data = None
    if not deleted and meeting.status == Meeting.Status.HELD:
        participants = meeting.participant_count
        if participants is None and meeting.pk:
            participants = meeting.attendees.count() or None
        data = {
            "date": meeting.date,
            "kind": "council_l1" if council.layer == 1 else "council_l2",
            "area": council.area,
            "summary": f"{council.name} {meeting.title}",
            "participants": participants or 0,
        }
    sync(meeting.municipality, activity_source_key(meeting), data, actor=actor)


def resync_activities(council: Council, *, actor) -> None:
    for meeting in council.meetings.filter(status=Meeting.Status.HELD).select_related("council"):
        meeting.council = council
        _sync_activity(meeting, actor=actor)


def create_meeting(council: Council, data: dict[str, Any], *, actor) -> Meeting:
    meeting = Meeting(municipality_id=council.municipality_id, council=council)
    meeting.council = council
    assign(meeting, data, MEETING_FIELDS)
    attendees = data.get("attendees")
    _validate_meeting(meeting, attendees)
    with transaction.atomic():
        meeting.fiscal_year = fiscal_year_of(meeting.date)
        meeting.number = _next_number(council, meeting.fiscal_year)
        save(meeting, actor)
        if attendees is not None:
            meeting.attendees.set(attendees)
        _sync_activity(meeting, actor=actor)
    return meeting


def update_meeting(
    meeting: Meeting, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> Meeting:
    assign(meeting, data, MEETING_FIELDS)
    attendees = data.get("attendees")
    _validate_meeting(meeting, attendees)
    with transaction.atomic():
        check_and_bump(meeting, expected_version)
        fiscal_year = fiscal_year_of(meeting.date)
        if fiscal_year != meeting.fiscal_year:
            # Moved into another 年度: it becomes the next meeting of that year.
            meeting.fiscal_year = fiscal_year
            meeting.number = _next_number(meeting.council, fiscal_year)
        save(meeting, actor)
        if attendees is not None:
            _set_attendees(meeting, attendees, actor=actor)
        _sync_activity(meeting, actor=actor)
    return meeting


def _set_attendees(meeting: Meeting, attendees, *, actor) -> None:
    """Attendance is a many-to-many set, outside the row history: its changes go to the audit log."""
    before = {m.pk: m.name for m in meeting.attendees.all()}
    after = {m.pk: m.name for m in attendees}
    if before.keys() == after.keys():
        return
    meeting.attendees.set(attendees)
    audit.record(
        "councils.meeting.attendance_changed", actor=actor, municipality=meeting.municipality, obj=meeting,
        data={
            "added": [after[k] for k in after.keys() - before.keys()],
            "removed": [before[k] for k in before.keys() - after.keys()],
        },
    )  # fmt: skip


def delete_meeting(meeting: Meeting, *, actor) -> None:
    if meeting.action_items.exists():
        raise ValidationError(_("Action items were created at this meeting. Delete or move them first."))
    with transaction.atomic():
        _sync_activity(meeting, actor=actor, deleted=True)
        for material in meeting.materials.all():
            delete(material, actor)
        for decision in meeting.decisions.all():
            delete(decision, actor)
        for item in meeting.agenda_items.all():
            delete(item, actor)
        delete(meeting, actor)


def _validate_agenda_item(item: AgendaItem) -> None:
    errors = {}
    if not (item.title or "").strip():
        errors["title"] = _("Enter a title.")
    if item.kind not in AgendaItem.Kind.values:
        errors["kind"] = _("Choose one of the allowed values.")
    if errors:
        raise ValidationError(errors)


def add_agenda_item(meeting: Meeting, data: dict[str, Any], *, actor) -> AgendaItem:
    item = AgendaItem(municipality_id=meeting.municipality_id, meeting=meeting)
    assign(item, data, AGENDA_FIELDS)
    if not data.get("order"):
        item.order = (meeting.agenda_items.aggregate(n=Max("order"))["n"] or 0) + 1
    _validate_agenda_item(item)
    with transaction.atomic():
        save(item, actor)
    return item


def update_agenda_item(
    item: AgendaItem, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> AgendaItem:
    assign(item, data, AGENDA_FIELDS)
    _validate_agenda_item(item)
    with transaction.atomic():
        check_and_bump(item, expected_version)
        save(item, actor)
    return item


def delete_agenda_item(item: AgendaItem, *, actor) -> None:
    with transaction.atomic():
        delete(item, actor)


def add_decision(meeting: Meeting, data: dict[str, Any], *, actor) -> Decision:
    decision = Decision(municipality_id=meeting.municipality_id, meeting=meeting)
    decision.text = (data.get("text") or "").strip()
    decision.agenda_item = data.get("agenda_item")
    errors = {}
    if not decision.text:
        errors["text"] = _("Enter the decision.")
    if decision.agenda_item is not None and decision.agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = _("The agenda item belongs to another meeting.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save(decision, actor)
    return decision


def delete_decision(decision: Decision, *, actor) -> None:
    with transaction.atomic():
        delete(decision, actor)


def attendance_candidates(meeting: Meeting) -> list[CouncilMember]:
    """Members whose term covers the meeting date."""
    return [m for m in meeting.council.members.all() if m.serving_on(meeting.date)]
