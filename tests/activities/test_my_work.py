import datetime

from django.utils import timezone

from sasaeai.activities.models import ActivityRecord


def test_my_work_lists_this_weeks_records_and_overdue_follow_ups(city, cast, client_for, record_in):
    today = timezone.localdate()
    record_in(today, "visit", city.area_a1, cast.l2_a, summary="今週の訪問")
    record_in(
        today - datetime.timedelta(days=20), "consultation", city.area_a1, cast.l2_a,
        follow_up_on=today - datetime.timedelta(days=3), follow_up_note="再訪問の約束",
    )  # fmt: skip
    record_in(
        today - datetime.timedelta(days=1),
        "visit",
        city.area_a1,
        cast.l2_a,
        follow_up_on=today + datetime.timedelta(days=5),
        follow_up_note="電話する",
    )
    record_in(today, "visit", city.area_b1, cast.l2_b, summary="他人の訪問")
    page = client_for(cast.l2_a).get(f"/m/{city.code}/activities/me/")
    assert page.status_code == 200
    assert [r.summary for r in page.context["week"]].count("今週の訪問") == 1
    assert "他人の訪問" not in page.content.decode()
    assert [r.follow_up_note for r in page.context["overdue"]] == ["再訪問の約束"]
    assert [r.follow_up_note for r in page.context["upcoming"]] == ["電話する"]


def test_marking_a_follow_up_done_removes_it_from_the_list(city, cast, client_for, record_in):
    today = timezone.localdate()
    record = record_in(
        today - datetime.timedelta(days=9),
        "visit",
        city.area_a1,
        cast.l2_a,
        follow_up_on=today - datetime.timedelta(days=2),
    )
    c = client_for(cast.l2_a)
    assert c.post(f"/m/{city.code}/activities/{record.pk}/follow-up/").status_code == 302
    assert c.get(f"/m/{city.code}/activities/me/").context["overdue"] == []
    from django_scopes import scope

    with scope(municipality=city):
        assert ActivityRecord.objects.get().follow_up_done


def test_the_dashboard_shows_the_my_work_panel(city, cast, client_for, record_in):
    today = timezone.localdate()
    record_in(
        today - datetime.timedelta(days=9),
        "visit",
        city.area_a1,
        cast.l2_a,
        follow_up_on=today - datetime.timedelta(days=1),
        follow_up_note="期限切れの約束",
    )
    body = client_for(cast.l2_a).get(f"/m/{city.code}/").content.decode()
    assert 'id="activities-panel"' in body and "期限切れの約束" in body
    assert 'id="activities-panel"' not in client_for(cast.member).get(f"/m/{city.code}/").content.decode()
