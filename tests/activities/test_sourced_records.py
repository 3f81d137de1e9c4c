"""Records that other apps own (a council meeting held) are kept in step, never entered twice."""

import datetime

from django_scopes import scope

from sasaeai.activities import services
from sasaeai.activities.models import ActivityRecord


def test_a_held_meeting_counts_once_and_follows_its_changes(city, cast):
    key = "councils.meeting:42"
    data = {
        "date": datetime.date(2017, 9, 5),
        "kind": "council_l2",
        "area": city.area_a,
        "summary": "第3回",
        "participants": 12,
    }
    with scope(municipality=city):
        services.sync_sourced_activity(city, key, data, actor=cast.l1)
        services.sync_sourced_activity(city, key, data, actor=cast.l1)
        assert ActivityRecord.objects.filter(source_key=key).count() == 1
        services.sync_sourced_activity(city, key, {**data, "date": datetime.date(2017, 10, 3)}, actor=cast.l1)
        report = services.monthly_report(city, 2017)
        row = next(r for r in report["rows"] if r["kind"] == "council_l2")
        assert row["months"] == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
        services.sync_sourced_activity(city, key, None, actor=cast.l1)
        assert not ActivityRecord.objects.filter(source_key=key).exists()
        services.sync_sourced_activity(city, key, None, actor=cast.l1)  # deleting twice is harmless


def test_default_kinds_are_created_once(city):
    with scope(municipality=city):
        services.ensure_default_kinds(city)
        services.ensure_default_kinds(city)
        kinds = services.kinds_for(city)
    assert [k.code for k in kinds] == [k[0] for k in services.DEFAULT_KINDS]


def test_a_sourced_record_cannot_be_changed_or_deleted_by_hand_but_its_follow_up_can(city, cast, client_for):
    with scope(municipality=city):
        record = services.sync_sourced_activity(
            city,
            "councils.meeting:7",
            {"date": datetime.date(2017, 9, 5), "kind": "council_l1", "area": None, "summary": "第1回"},
            actor=cast.l1,
        )
    c = client_for(cast.officer)
    api = f"/api/v1/m/{city.code}/activities/{record.pk}"
    refused = c.patch(api, {"summary": "手で直す"}, content_type="application/json")
    assert refused.status_code == 422 and "協議体" in refused.json()["detail"][0]["msg"]
    assert c.delete(api).status_code == 422
    assert c.get(f"/m/{city.code}/activities/{record.pk}/edit/").status_code == 403
    ok = c.patch(
        api, {"follow_up_on": "2017-09-20", "follow_up_note": "議事録の確認"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["follow_up_note"] == "議事録の確認"


def test_a_held_meeting_counts_even_when_its_kind_was_retired_from_the_form(city, cast):
    from sasaeai.activities.models import ActivityKind

    with scope(municipality=city):
        services.ensure_default_kinds(city)
        ActivityKind.objects.filter(code="council_l2").update(is_active=False)
        services.sync_sourced_activity(
            city,
            "councils.meeting:9",
            {"date": datetime.date(2017, 9, 5), "kind": "council_l2", "area": city.area_a, "summary": ""},
            actor=cast.l1,
        )
        row = next(r for r in services.monthly_report(city, 2017)["rows"] if r["kind"] == "council_l2")
    assert row["total"] == 1


def test_a_council_meetings_record_is_not_restored_on_its_own(city, cast):
    import pytest
    from django.core.exceptions import ValidationError

    from sasaeai.core.history import deleted_records, restore

    with scope(municipality=city):
        services.sync_sourced_activity(
            city,
            "councils.meeting:5",
            {"date": datetime.date(2017, 9, 5), "kind": "council_l1", "area": None, "summary": ""},
            actor=cast.l1,
        )
        services.sync_sourced_activity(city, "councils.meeting:5", None, actor=cast.l1)
        trash = next(r for r in deleted_records(city) if r.model_label == "activities.activityrecord")
        with pytest.raises(ValidationError):
            restore(city, "activities.activityrecord", trash.history_id, actor=cast.admin)
        assert not ActivityRecord.objects.exists()
