"""Meetings are numbered 第N回 per council and fiscal year, and keep their agenda, minutes and decisions."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django_scopes import scope, scopes_disabled

from sasaeai.core.fiscal import era_label as fiscal_year_label
from sasaeai.core.fiscal import fiscal_year_of
from sasaeai.councils.models import Meeting
from sasaeai.councils.services import meetings as services


def _meeting(council, day, actor, **extra):
    return services.create_meeting(
        council, {"date": day, "format": "in_person", "status": "planned", **extra}, actor=actor
    )


def test_fiscal_years_run_from_april_to_march():
    assert fiscal_year_of(datetime.date(2021, 3, 31)) == 2020
    assert fiscal_year_of(datetime.date(2021, 4, 1)) == 2021


def test_fiscal_years_are_labelled_in_the_japanese_era():
    assert fiscal_year_label(2016) == "平成28年度"
    assert fiscal_year_label(2018) == "平成30年度"
    assert fiscal_year_label(2019) == "令和元年度"
    assert fiscal_year_label(2020) == "令和2年度"


def test_meetings_are_numbered_per_council_and_fiscal_year(in_city, cast, councils):
    a, b = councils["a"], councils["b"]
    first = _meeting(a, datetime.date(2024, 4, 10), cast.officer)
    second = _meeting(a, datetime.date(2024, 9, 10), cast.officer)
    third = _meeting(a, datetime.date(2025, 3, 10), cast.officer)
    other_council = _meeting(b, datetime.date(2024, 6, 1), cast.officer)
    next_year = _meeting(a, datetime.date(2025, 4, 10), cast.officer)
    assert [(m.fiscal_year, m.number) for m in (first, second, third)] == [(2024, 1), (2024, 2), (2024, 3)]
    assert (other_council.fiscal_year, other_council.number) == (2024, 1)
    assert (next_year.fiscal_year, next_year.number) == (2025, 1)
    assert third.title == "令和6年度 第3回"


def test_a_meeting_moved_into_another_fiscal_year_becomes_the_next_of_that_year(in_city, cast, councils):
    a = councils["a"]
    _meeting(a, datetime.date(2025, 5, 1), cast.officer)
    moving = _meeting(a, datetime.date(2024, 5, 1), cast.officer)
    services.update_meeting(
        moving, {"date": datetime.date(2025, 6, 1)}, actor=cast.officer, expected_version=moving.version
    )
    moving.refresh_from_db()
    assert (moving.fiscal_year, moving.number) == (2025, 2)


def test_a_stale_edit_is_refused(in_city, cast, councils):
    meeting = _meeting(councils["a"], datetime.date(2024, 5, 1), cast.officer)
    services.update_meeting(meeting, {"place": "市役所"}, actor=cast.officer, expected_version=1)
    stale = Meeting.objects.get(pk=meeting.pk)
    with pytest.raises(ValidationError) as exc:
        services.update_meeting(stale, {"place": "公民館"}, actor=cast.l1, expected_version=1)
    assert "version" in exc.value.message_dict


def test_the_end_cannot_come_before_the_start(in_city, cast, councils):
    with pytest.raises(ValidationError) as exc:
        _meeting(councils["a"], datetime.date(2024, 5, 1), cast.officer,
                 start_time=datetime.time(14, 0), end_time=datetime.time(13, 0))  # fmt: skip
    assert "end_time" in exc.value.message_dict


def test_attendees_must_be_members_of_the_council(in_city, cast, councils):
    stranger = councils["root"].members.create(municipality=in_city, name="他の会議の委員")
    with pytest.raises(ValidationError) as exc:
        _meeting(councils["a"], datetime.date(2024, 5, 1), cast.officer, attendees=[stranger])
    assert "attendees" in exc.value.message_dict


def test_agenda_items_are_ordered_in_the_order_they_are_added(in_city, cast, meeting_a):
    services.add_agenda_item(meeting_a, {"kind": "discussion", "title": "買い物支援"}, actor=cast.officer)
    services.add_agenda_item(meeting_a, {"kind": "exchange", "title": "意見交換"}, actor=cast.officer)
    assert [(i.order, i.kind) for i in meeting_a.agenda_items.all()] == [
        (1, "report"), (2, "discussion"), (3, "exchange"),
    ]  # fmt: skip


def test_history_keeps_who_changed_the_minutes(in_city, cast, meeting_a):
    services.update_meeting(
        meeting_a, {"minutes": "買い物支援の検討を開始"}, actor=cast.l1, expected_version=meeting_a.version
    )
    latest = meeting_a.history.first()
    assert latest.history_user == cast.l1
    assert latest.minutes == "買い物支援の検討を開始"


def test_a_deleted_meeting_goes_with_its_agenda_and_can_be_restored(in_city, cast, meeting_a):
    from sasaeai.core.history import deleted_records, restore

    pk = meeting_a.pk
    services.delete_meeting(meeting_a, actor=cast.officer)
    assert not Meeting.objects.filter(pk=pk).exists()
    records = [r for r in deleted_records(in_city) if r.model_label == "councils.meeting"]
    assert len(records) == 1
    restore(in_city, "councils.meeting", records[0].history_id, actor=cast.admin)
    assert Meeting.objects.get(pk=pk).number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_never_gives_two_meetings_the_same_number(city, cast, councils):
    """Eight writers at once: the numbers are 1..8 without a gap or a duplicate (row lock / IMMEDIATE)."""
    council = councils["a"]
    errors = []
    barrier = threading.Barrier(8)

    def worker(i):
        try:
            barrier.wait()
            for _attempt in range(300):
                try:
                    with scope(municipality=city):
                        _meeting(council, datetime.date(2024, 5, 1 + i), cast.officer)
                    break
                except OperationalError as exc:
                    # The in-memory SQLite test database refuses a second writer instead of waiting
                    # (no busy timeout in shared cache): retry, as a client would after a timeout.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with scopes_disabled():
        numbers = sorted(Meeting.objects.filter(council=council).values_list("number", flat=True))
    assert numbers == list(range(1, 9))


def test_a_meeting_in_the_future_cannot_be_marked_held(in_city, cast, councils):
    from django.utils import timezone

    with pytest.raises(ValidationError) as exc:
        _meeting(
            councils["a"], timezone.localdate() + datetime.timedelta(days=3), cast.officer, status="held"
        )
    assert "status" in exc.value.message_dict


def test_changes_of_attendance_are_kept_in_the_audit_log(in_city, cast, councils, meeting_a):
    from sasaeai.core.models import AuditEvent

    chair = councils["a"].members.get(role="chair")
    services.update_meeting(meeting_a, {"attendees": [chair]}, actor=cast.l1)
    services.update_meeting(meeting_a, {"attendees": [chair]}, actor=cast.l1)  # no change, no entry
    events = AuditEvent.objects.filter(
        action="councils.meeting.attendance_changed", object_id=str(meeting_a.pk)
    )
    assert [(e.actor, e.data["added"]) for e in events] == [(cast.l1, ["渡辺 和夫"])]
