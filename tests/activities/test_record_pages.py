"""Entering, reading and changing records through the pages, with area-scoped permissions."""

import datetime

import pytest
from django_scopes import scope

from sasaeai.activities.models import ActivityKind, ActivityRecord

D = datetime.date


def kind_id(city, code):
    with scope(municipality=city):
        from sasaeai.activities.services import ensure_default_kinds

        ensure_default_kinds(city)
        return ActivityKind.objects.get(code=code).pk


def url(city, path=""):
    return f"/m/{city.code}/activities/{path}"


def test_a_coordinator_records_a_visit_in_own_area_with_sensible_defaults(city, cast, client_for):
    c = client_for(cast.l2_a)
    page = c.get(url(city, "new/"))
    assert page.status_code == 200
    form = page.context["form"]
    assert form["date"].value() == datetime.date.today() or form.initial.get("date") is None
    assert page.context["form"].initial["area"] == city.area_a  # the area of the coordinator's role
    response = c.post(
        url(city, "new/"),
        {
            "date": "2017-07-12",
            "kind": kind_id(city, "visit"),
            "area": city.area_a1.pk,
            "summary": "サロン訪問",
        },
    )
    assert response.status_code == 302
    with scope(municipality=city):
        record = ActivityRecord.objects.get()
        assert record.fiscal_year == 2017 and record.month == 7
        assert [link.user for link in record.coordinator_links.all()] == [cast.l2_a]
        assert record.history.first().history_user == cast.l2_a


def test_an_l2_coordinator_cannot_record_in_another_area(city, cast, client_for):
    response = client_for(cast.l2_a).post(
        url(city, "new/"), {"date": "2017-07-12", "kind": kind_id(city, "visit"), "area": city.area_b1.pk}
    )
    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    with scope(municipality=city):
        assert not ActivityRecord.objects.exists()


def test_a_future_date_is_refused_with_a_japanese_message(city, cast, client_for):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = client_for(cast.l1).post(
        url(city, "new/"), {"date": tomorrow.isoformat(), "kind": kind_id(city, "visit")}
    )
    assert response.status_code == 200
    assert "未来" in str(response.context["form"].errors["date"])


def test_same_as_last_time_copies_kind_area_and_people_met(city, cast, client_for, record_in):
    record_in(
        D(2017, 7, 12), "consultation", city.area_a1, cast.l2_a, met_with="民生委員 山田さん", summary="x"
    )
    page = client_for(cast.l2_a).get(url(city, "new/?same=1"))
    initial = page.context["form"].initial
    assert initial["kind"].code == "consultation"
    assert initial["area"] == city.area_a1
    assert initial["met_with"] == "民生委員 山田さん"
    assert "summary" not in initial


def test_the_detail_page_shows_the_record_and_its_history(city, cast, client_for, record_in):
    record = record_in(D(2019, 5, 1), "visit", city.area_a1, cast.l2_a, summary="初回訪問")
    page = client_for(cast.officer).get(url(city, f"{record.pk}/"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "令和元年5月1日" in body and "初回訪問" in body
    assert page.context["history"][0].user == cast.l2_a


def test_l2_coordinator_cannot_open_a_record_of_another_area(city, cast, client_for, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_b1, cast.l2_b)
    assert client_for(cast.l2_a).get(url(city, f"{record.pk}/")).status_code == 404
    assert client_for(cast.l2_b).get(url(city, f"{record.pk}/")).status_code == 200
    assert client_for(cast.viewer).get(url(city, f"{record.pk}/")).status_code == 200


def test_the_list_shows_only_the_records_of_the_own_subtree(city, cast, client_for, record_in):
    record_in(D(2017, 7, 12), "visit", city.area_a1, cast.l2_a, summary="中央の訪問")
    record_in(D(2017, 7, 13), "visit", city.area_b1, cast.l2_b, summary="北部の訪問")
    record_in(D(2017, 7, 14), "council_l1", None, cast.l1, summary="全域の会議")
    body_a = client_for(cast.l2_a).get(url(city)).content.decode()
    body_officer = client_for(cast.officer).get(url(city)).content.decode()
    assert "中央の訪問" in body_a and "北部の訪問" not in body_a and "全域の会議" not in body_a
    assert all(s in body_officer for s in ("中央の訪問", "北部の訪問", "全域の会議"))


def test_editing_a_stale_version_is_refused(city, cast, client_for, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_a1, cast.l2_a, summary="最初")
    c = client_for(cast.l2_a)
    data = {
        "date": "2017-07-12",
        "kind": kind_id(city, "visit"),
        "area": city.area_a1.pk,
        "version": record.version,
    }
    assert c.post(url(city, f"{record.pk}/edit/"), {**data, "summary": "二回目"}).status_code == 302
    stale = c.post(url(city, f"{record.pk}/edit/"), {**data, "summary": "三回目"})
    assert stale.status_code == 200
    assert "version" in stale.context["form"].errors or stale.context["form"].non_field_errors()
    with scope(municipality=city):
        assert ActivityRecord.objects.get().summary == "二回目"


def test_a_viewer_can_read_but_not_record(city, cast, client_for):
    c = client_for(cast.viewer)
    assert c.get(url(city)).status_code == 200
    assert c.get(url(city, "new/")).status_code == 403


def test_council_members_do_not_see_activity_records(city, cast, client_for):
    assert client_for(cast.member).get(url(city)).status_code == 403


def test_deleting_keeps_the_record_restorable(city, cast, client_for, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    assert client_for(cast.l2_a).post(url(city, f"{record.pk}/delete/")).status_code == 302
    with scope(municipality=city):
        assert not ActivityRecord.objects.exists()
        assert ActivityRecord.history.filter(history_type="-").count() == 1


@pytest.mark.parametrize("who", ["officer", "l1"])
def test_municipality_wide_staff_edit_the_kinds(who, city, cast, client_for):
    c = client_for(getattr(cast, who))
    response = c.post(
        url(city, "kinds/new/"),
        {"code": "salon", "label": "サロン参加", "unit": "回", "order": 200, "is_active": "on"},
    )
    assert response.status_code == 302
    with scope(municipality=city):
        assert ActivityKind.objects.get(code="salon").label == "サロン参加"


def test_an_area_coordinator_sees_the_kind_form_read_only(city, cast, client_for):
    c = client_for(cast.l2_a)
    page = c.get(url(city, f"kinds/{kind_id(city, 'visit')}/"))
    assert page.status_code == 200 and page.context["read_only"]
    assert (
        c.post(url(city, "kinds/new/"), {"code": "x", "label": "x", "unit": "回", "order": 1}).status_code
        == 403
    )


def test_the_list_filters_by_area_subtree_and_keeps_the_filter_when_paging(city, cast, client_for, record_in):
    for day in range(1, 56):
        record_in(
            D(2017, 5, 1) + datetime.timedelta(days=day),
            "visit",
            city.area_a1,
            cast.l2_a,
            summary=f"中央{day}",
        )
    record_in(D(2017, 7, 14), "visit", city.area_b1, cast.l2_b, summary="北部の訪問")
    page = client_for(cast.officer).get(url(city, f"?area={city.area_a.pk}&fiscal_year=2017"))
    assert page.context["page"].paginator.count == 55
    assert "北部の訪問" not in page.content.decode()
    assert f"?area={city.area_a.pk}&amp;fiscal_year=2017&page=2" in page.content.decode()


def test_save_and_record_another_comes_back_to_an_empty_form(city, cast, client_for):
    response = client_for(cast.l1).post(
        url(city, "new/"), {"date": "2017-07-12", "kind": kind_id(city, "liaison"), "next": "new"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/activities/new/")


def test_a_restored_record_gets_its_coordinators_back(city, cast, client_for, record_in):
    from sasaeai.core.history import deleted_records, restore

    record = record_in(D(2017, 7, 12), "consultation", city.area_a1, [cast.l2_a, cast.l1])
    assert client_for(cast.l2_a).post(url(city, f"{record.pk}/delete/")).status_code == 302
    with scope(municipality=city):
        trash = [r for r in deleted_records(city) if r.model_label == "activities.activityrecord"]
        restore(city, "activities.activityrecord", trash[0].history_id, actor=cast.admin)
        restored = ActivityRecord.objects.get(pk=record.pk)
        assert sorted(u.username for u in restored.coordinators.all()) == ["l1", "l2_a"]
        assert restored.fiscal_year == 2017
