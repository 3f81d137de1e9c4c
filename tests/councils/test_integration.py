"""Held meetings count once in the activity report; action items and decisions become resources (事業化)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sasaeai.activities.models import ActivityRecord
from sasaeai.activities.services import monthly_report
from sasaeai.core.permissions import access_for
from sasaeai.councils.services import followup
from sasaeai.councils.services import meetings as services
from sasaeai.directory.models import Resource


def _council_row(report, kind):
    return next(r for r in report["rows"] if r["kind"] == kind)


def test_a_held_meeting_counts_once_in_the_council_row_of_its_layer(in_city, cast, councils):
    services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 6, 1), "format": "in_person", "status": "held", "participant_count": 14},
        actor=cast.officer,
    )  # fmt: skip
    services.create_meeting(
        councils["root"],
        {"date": datetime.date(2024, 7, 1), "format": "written", "status": "held"},
        actor=cast.officer,
    )
    report = monthly_report(in_city, 2024)
    assert _council_row(report, "council_l2")["total"] == 1
    assert _council_row(report, "council_l2")["months"][2] == 1  # June is the third month of the fiscal year
    assert _council_row(report, "council_l1")["total"] == 1
    record = ActivityRecord.objects.get(kind__code="council_l2")
    assert record.participants == 14
    assert record.area == in_city.area_a


def test_planned_and_cancelled_meetings_do_not_count(in_city, cast, councils):
    meeting = services.create_meeting(
        councils["a"],
        {"date": datetime.date(2024, 6, 1), "format": "in_person", "status": "planned"},
        actor=cast.officer,
    )
    assert _council_row(monthly_report(in_city, 2024), "council_l2")["total"] == 0
    services.update_meeting(meeting, {"status": "held"}, actor=cast.officer)
    services.update_meeting(meeting, {"minutes": "議事録を追記"}, actor=cast.officer)
    assert ActivityRecord.objects.filter(source_key=f"councils.meeting:{meeting.pk}").count() == 1
    services.update_meeting(meeting, {"status": "cancelled"}, actor=cast.officer)
    assert _council_row(monthly_report(in_city, 2024), "council_l2")["total"] == 0
    assert not ActivityRecord.objects.filter(source_key=f"councils.meeting:{meeting.pk}").exists()


def test_deleting_a_held_meeting_removes_it_from_the_report(in_city, cast, councils):
    meeting = services.create_meeting(
        councils["a"],
        {"date": datetime.date(2024, 6, 1), "format": "online", "status": "held"},
        actor=cast.officer,
    )
    services.delete_meeting(meeting, actor=cast.officer)
    assert _council_row(monthly_report(in_city, 2024), "council_l2")["total"] == 0


def test_an_action_item_becomes_a_preparing_unpublished_resource_in_the_councils_area(
    in_city, cast, records_a
):
    action = followup.ActionItem.objects.get(pk=records_a["action_id"])
    resource = followup.create_resource_from(action, {}, actor=cast.officer)
    action.refresh_from_db()
    assert (resource.name, resource.status, resource.published) == ("買い物支援の試行", "preparing", False)
    assert resource.area == in_city.area_a
    assert action.resource == resource
    assert action.status == "done" and action.closed_on is not None
    with pytest.raises(ValidationError):
        followup.create_resource_from(action, {}, actor=cast.officer)


def test_a_decision_can_become_a_resource_too(in_city, cast, records_a):
    decision = followup.Decision.objects.get(pk=records_a["decision_id"])
    resource = followup.create_resource_from(decision, {"name": "買い物支援"}, actor=cast.officer)
    assert followup.origins_of(resource) == [decision]


def test_the_resource_page_shows_the_meeting_it_was_born_in(cast, client_for, city, records_a):
    c = client_for(cast.officer)
    response = c.post(
        f"/m/{city.code}/councils/actions/{records_a['action_id']}/resource/",
        {"name": "おかいもの便", "description": "週1回の買い物送迎", "close": "on"},
    )
    assert response.status_code == 302
    page = client_for(cast.officer).get(response["Location"]).content.decode()
    assert 'id="resource-origin"' in page
    assert "中央圏域協議体" in page
    assert "令和6年度 第1回" in page
    assert "買い物支援の試行" in page


def test_a_coordinator_of_another_district_cannot_turn_council_a_items_into_resources(
    cast, client_for, city, records_a
):
    response = client_for(cast.l2_b).post(
        f"/m/{city.code}/councils/actions/{records_a['action_id']}/resource/", {"name": "x"}
    )
    assert response.status_code == 404


def test_the_service_refuses_a_resource_outside_the_actors_directory_area(in_city, cast, records_a):
    action = followup.ActionItem.objects.get(pk=records_a["action_id"])
    decision = followup.Decision.objects.get(pk=records_a["decision_id"])
    for origin in (action, decision):
        with pytest.raises(PermissionDenied):
            followup.create_resource_from(origin, {}, actor=cast.l2_b)
        # The access given (the request's) is the one that counts, not the actor's own.
        with pytest.raises(PermissionDenied):
            followup.create_resource_from(
                origin, {}, actor=cast.officer, access=access_for(cast.viewer, in_city)
            )
    assert not Resource.objects.exists()
    action.refresh_from_db()
    assert action.resource is None and action.is_open


def test_a_coordinator_of_the_councils_area_turns_its_action_item_into_a_resource(
    cast, client_for, city, records_a, in_city
):
    url = f"/api/v1/m/{city.code}/councils/{records_a['pk']}/action-items/{records_a['action_id']}/resource"
    response = client_for(cast.l2_a).post(url, {"name": "おかいもの便"}, content_type="application/json")
    assert response.status_code == 201
    assert Resource.objects.get(pk=response.json()["id"]).area == city.area_a


def test_the_resource_is_made_only_once_through_the_api(cast, client_for, city, records_a, in_city):
    url = f"/api/v1/m/{city.code}/councils/{records_a['pk']}/action-items/{records_a['action_id']}/resource"
    c = client_for(cast.officer)
    first = c.post(url, {"name": "おかいもの便"}, content_type="application/json")
    assert first.status_code == 201
    assert Resource.objects.get(pk=first.json()["id"]).name == "おかいもの便"
    assert c.post(url, {}, content_type="application/json").status_code == 422


def test_moving_a_council_to_another_area_moves_its_held_meetings_in_the_report(in_city, cast, councils):
    from sasaeai.councils.services import councils as council_services

    meeting = services.create_meeting(
        councils["b"], {"date": datetime.date(2024, 6, 1), "status": "held"}, actor=cast.officer
    )
    council_services.update_council(councils["b"], {"area": in_city.area_a}, actor=cast.officer)
    record = ActivityRecord.objects.get(source_key=f"councils.meeting:{meeting.pk}")
    assert record.area == in_city.area_a


def test_a_held_meeting_restored_from_the_trash_counts_again(in_city, cast, councils):
    from sasaeai.core.history import deleted_records, restore

    meeting = services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 6, 1), "status": "held"}, actor=cast.officer
    )
    services.delete_meeting(meeting, actor=cast.officer)
    assert _council_row(monthly_report(in_city, 2024), "council_l2")["total"] == 0
    record = next(r for r in deleted_records(in_city) if r.model_label == "councils.meeting")
    restore(in_city, "councils.meeting", record.history_id, actor=cast.admin)
    assert _council_row(monthly_report(in_city, 2024), "council_l2")["total"] == 1
