"""The stable API contract: POST /activities and GET /reports/monthly, with the same permissions."""

import datetime

from django_scopes import scope

from sasaeai.activities.models import ActivityRecord


def api(city, path):
    return f"/api/v1/m/{city.code}/{path}"


def post(c, path, body):
    return c.post(path, body, content_type="application/json")


def test_posting_the_minimal_record_returns_it_with_its_id(city, cast, client_for):
    response = post(
        client_for(cast.l1), api(city, "activities"), {"date": "2017-07-12", "kind": "visit", "area": None}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] > 0 and body["kind"] == "visit" and body["area"] is None
    assert body["fiscal_year"] == 2017 and body["coordinators"] == [cast.l1.pk]


def test_a_time_stamp_in_utc_is_counted_on_its_tokyo_day(city, cast, client_for):
    response = post(
        client_for(cast.l1), api(city, "activities"), {"date": "2018-03-31T15:30:00Z", "kind": "visit"}
    )
    assert response.json()["date"] == "2018-04-01" and response.json()["fiscal_year"] == 2018
    response = post(
        client_for(cast.l1), api(city, "activities"), {"date": "2018-03-31T23:30:00+09:00", "kind": "visit"}
    )
    assert response.json()["date"] == "2018-03-31" and response.json()["fiscal_year"] == 2017


def test_an_unknown_kind_is_a_422_with_a_field(city, cast, client_for):
    response = post(client_for(cast.l1), api(city, "activities"), {"date": "2017-07-12", "kind": "karaoke"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "kind"


def test_an_l2_coordinator_records_only_in_the_own_area_through_the_api(city, cast, client_for):
    c = client_for(cast.l2_a)
    assert (
        post(
            c, api(city, "activities"), {"date": "2017-07-12", "kind": "visit", "area": city.area_a1.pk}
        ).status_code
        == 201
    )
    assert (
        post(
            c, api(city, "activities"), {"date": "2017-07-12", "kind": "visit", "area": city.area_b1.pk}
        ).status_code
        == 403
    )
    assert (
        post(c, api(city, "activities"), {"date": "2017-07-12", "kind": "visit", "area": None}).status_code
        == 403
    )


def test_a_viewer_cannot_post_and_a_member_cannot_read(city, cast, client_for):
    assert (
        post(
            client_for(cast.viewer), api(city, "activities"), {"date": "2017-07-12", "kind": "visit"}
        ).status_code
        == 403
    )
    assert client_for(cast.member).get(api(city, "activities")).status_code == 403
    assert client_for(cast.member).get(api(city, "reports/monthly?fiscal_year=2017")).status_code == 403


def test_another_city_cannot_reach_a_record_through_its_own_url(
    city, other_city, cast, client_for, record_in
):
    record = record_in(datetime.date(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    c = client_for(cast.other_officer)
    assert c.get(api(other_city, f"activities/{record.pk}")).status_code == 404
    assert c.get(api(city, f"activities/{record.pk}")).status_code == 404
    assert c.get(api(other_city, "activities")).json()["count"] == 0


def test_the_list_is_limited_to_the_subtree_and_the_detail_404s_outside(city, cast, client_for, record_in):
    mine = record_in(datetime.date(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    theirs = record_in(datetime.date(2017, 7, 12), "visit", city.area_b1, cast.l2_b)
    c = client_for(cast.l2_a)
    assert [r["id"] for r in c.get(api(city, "activities")).json()["items"]] == [mine.pk]
    assert c.get(api(city, f"activities/{theirs.pk}")).status_code == 404


def test_patch_with_a_stale_version_is_409(city, cast, client_for, record_in):
    record = record_in(datetime.date(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    c = client_for(cast.l2_a)
    path = api(city, f"activities/{record.pk}")
    ok = c.patch(path, {"summary": "追記", "version": record.version}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["summary"] == "追記"
    stale = c.patch(path, {"summary": "上書き", "version": record.version}, content_type="application/json")
    assert stale.status_code == 409
    assert c.get(path + "/history").json()[0]["changes"][0]["new"] == "追記"


def test_delete_through_the_api(city, cast, client_for, record_in):
    record = record_in(datetime.date(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    assert client_for(cast.l2_b).delete(api(city, f"activities/{record.pk}")).status_code == 404
    assert client_for(cast.l2_a).delete(api(city, f"activities/{record.pk}")).status_code == 204
    with scope(municipality=city):
        assert not ActivityRecord.objects.exists()


def test_the_monthly_report_has_the_stable_shape(city, cast, client_for, record_in):
    record_in(datetime.date(2017, 4, 3), "visit", city.area_a1, cast.l2_a)
    record_in(datetime.date(2018, 3, 30), "visit", city.area_b1, cast.l2_b)
    c = client_for(cast.viewer)
    body = c.get(api(city, "reports/monthly?fiscal_year=2017")).json()
    assert set(body) == {"fiscal_year", "era_label", "rows"}
    assert body["fiscal_year"] == 2017 and body["era_label"] == "平成29年度"
    visit = body["rows"][0]
    assert set(visit) == {"kind", "label", "unit", "months", "total"}
    assert visit == {
        "kind": "visit",
        "label": "訪問",
        "unit": "件",
        "months": [1] + [0] * 10 + [1],
        "total": 2,
    }
    by_area = c.get(api(city, f"reports/monthly?fiscal_year=2017&area={city.area_a.pk}")).json()
    assert by_area["rows"][0]["total"] == 1
    by_person = c.get(api(city, f"reports/monthly?fiscal_year=2017&coordinator={cast.l2_b.pk}")).json()
    assert by_person["rows"][0]["months"][11] == 1 and by_person["rows"][0]["total"] == 1


def test_an_l2_coordinator_sees_the_municipality_wide_report(city, cast, client_for, record_in):
    record_in(datetime.date(2017, 4, 3), "visit", city.area_b1, cast.l2_b)
    body = client_for(cast.l2_a).get(api(city, "reports/monthly?fiscal_year=2017")).json()
    assert body["rows"][0]["total"] == 1


def test_the_annual_report_over_the_api(city, cast, client_for, record_in):
    record_in(datetime.date(2019, 6, 3), "council_l2", city.area_a, cast.l2_a, participants=14)
    body = client_for(cast.officer).get(api(city, "reports/annual?fiscal_year=2019")).json()
    assert body["era_label"] == "令和元年度"
    keys = [s["key"] for s in body["sections"]]
    assert keys[:2] == ["comparison", "councils"]
    councils = next(s for s in body["sections"] if s["key"] == "councils")
    assert councils["rows"][0][3] == 14


def test_the_kinds_are_listed_with_their_units(city, cast, client_for):
    kinds = client_for(cast.viewer).get(api(city, "activity-kinds")).json()
    assert [k["code"] for k in kinds][:3] == ["visit", "consultation", "council_l1"]
    assert {k["unit"] for k in kinds} == {"回", "件"}


def test_the_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/m/{code}/activities" in paths and "post" in paths["/api/v1/m/{code}/activities"]
    assert "/api/v1/m/{code}/reports/monthly" in paths
