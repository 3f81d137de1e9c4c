"""The monthly report must equal what a person counts by hand from the records."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scope

from sasaeai.activities import services
from sasaeai.activities.models import ActivityKind
from sasaeai.activities.services import DEFAULT_KINDS

D = datetime.date


def row(report, kind):
    return next(r for r in report["rows"] if r["kind"] == kind)


@pytest.fixture
def year_of_records(city, cast, record_in):
    """FY2017 (平成29年度) with records counted below by hand."""
    record_in(D(2017, 4, 1), "visit", city.area_a1, cast.l2_a)  # April, area A, l2_a
    record_in(D(2017, 4, 20), "visit", city.area_a, cast.l2_a)  # April, area A
    record_in(D(2017, 5, 2), "visit", city.area_b1, cast.l2_b)  # May, area B
    record_in(D(2017, 7, 12), "consultation", city.area_a1, [cast.l2_a, cast.l1])  # July, two coordinators
    record_in(D(2017, 12, 31), "workshop", city.area_b, cast.l2_b)  # December
    record_in(D(2018, 1, 1), "council_l1", None, cast.l1)  # January, no area = layer 1
    record_in(D(2018, 3, 31), "visit", city.area_b1, cast.l2_b)  # March: still FY2017
    record_in(D(2017, 3, 31), "visit", city.area_a1, cast.l2_a)  # FY2016: not counted
    record_in(D(2018, 4, 1), "visit", city.area_a1, cast.l2_a)  # FY2018: not counted


def test_the_report_has_every_default_kind_in_order_with_april_first(city, year_of_records):
    with scope(municipality=city):
        report = services.monthly_report(city, 2017)
    assert report["fiscal_year"] == 2017
    assert report["era_label"] == "平成29年度"
    assert [r["kind"] for r in report["rows"]] == [k[0] for k in DEFAULT_KINDS]
    assert row(report, "visit")["months"] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert row(report, "visit")["total"] == 4
    assert row(report, "visit")["unit"] == "件" and row(report, "visit")["label"] == "訪問"
    assert row(report, "consultation")["months"][3] == 1
    assert row(report, "workshop")["months"][8] == 1
    assert row(report, "council_l1")["months"][9] == 1
    assert sum(r["total"] for r in report["rows"]) == 7


def test_the_area_filter_counts_the_whole_subtree(city, year_of_records):
    with scope(municipality=city):
        report = services.monthly_report(city, 2017, area=city.area_a)
    assert row(report, "visit")["months"] == [2] + [0] * 11
    assert row(report, "consultation")["total"] == 1
    assert sum(r["total"] for r in report["rows"]) == 3


def test_the_coordinator_filter_counts_records_shared_with_others(city, cast, year_of_records):
    with scope(municipality=city):
        mine = services.monthly_report(city, 2017, coordinator=cast.l1)
        theirs = services.monthly_report(city, 2017, coordinator=cast.l2_b.pk)
    assert {r["kind"]: r["total"] for r in mine["rows"] if r["total"]} == {"consultation": 1, "council_l1": 1}
    assert {r["kind"]: r["total"] for r in theirs["rows"] if r["total"]} == {"visit": 2, "workshop": 1}


def test_the_layer_filter_takes_records_without_area_as_layer_1(city, year_of_records):
    with scope(municipality=city):
        layer1 = services.monthly_report(city, 2017, layer=1)
        layer2 = services.monthly_report(city, 2017, layer=2)
        layer3 = services.monthly_report(city, 2017, layer=3)
    assert sum(r["total"] for r in layer1["rows"]) == 1
    assert sum(r["total"] for r in layer2["rows"]) == 2  # area_a (visit) and area_b (workshop)
    assert sum(r["total"] for r in layer3["rows"]) == 4


def test_filters_combine(city, cast, year_of_records):
    with scope(municipality=city):
        report = services.monthly_report(city, 2017, area=city.area_a, coordinator=cast.l1, layer=3)
    assert {r["kind"]: r["total"] for r in report["rows"] if r["total"]} == {"consultation": 1}


def test_the_era_change_falls_inside_reiwa_gannen(city, cast, record_in):
    record_in(D(2019, 4, 30), "visit", city.area_a1, cast.l2_a)
    record_in(D(2019, 5, 1), "visit", city.area_a1, cast.l2_a)
    with scope(municipality=city):
        report = services.monthly_report(city, 2019)
    assert report["era_label"] == "令和元年度"
    assert row(report, "visit")["months"][:2] == [1, 1]


def test_a_record_at_2330_on_march_31_tokyo_time_belongs_to_the_old_year(city, cast, record_in):
    tokyo = ZoneInfo("Asia/Tokyo")
    late = record_in(datetime.datetime(2018, 3, 31, 23, 30, tzinfo=tokyo), "visit", city.area_a1, cast.l2_a)
    # The same instant written in UTC, as an API client might send it.
    utc = record_in(
        datetime.datetime(2018, 3, 31, 14, 30, tzinfo=datetime.UTC), "visit", city.area_a1, cast.l2_a
    )
    assert late.date == utc.date == D(2018, 3, 31)
    with scope(municipality=city):
        old = services.monthly_report(city, 2017)
        new = services.monthly_report(city, 2018)
    assert row(old, "visit")["months"][11] == 2
    assert row(new, "visit")["total"] == 0


def test_the_report_of_one_city_never_counts_another(city, other_city, cast, year_of_records):
    with scope(municipality=other_city):
        services.create_record(other_city, {"date": D(2017, 6, 1), "kind": "visit"}, actor=cast.other_officer)
        report = services.monthly_report(other_city, 2017)
    assert sum(r["total"] for r in report["rows"]) == 1


def test_a_retired_kind_stays_in_the_report_while_it_has_records(city, cast, record_in):
    record_in(D(2017, 6, 1), "other", None, cast.l1)
    with scope(municipality=city):
        ActivityKind.objects.filter(code="other").update(is_active=False)
        ActivityKind.objects.filter(code="symposium").update(is_active=False)
        report = services.monthly_report(city, 2017)
    kinds = [r["kind"] for r in report["rows"]]
    assert "other" in kinds and "symposium" not in kinds


def test_the_annual_report_compares_with_the_previous_year_and_lists_council_meetings(
    city, cast, year_of_records
):
    with scope(municipality=city):
        report = services.annual_report(city, 2017)
        monthly = services.monthly_report(city, 2017)
    sections = {s.key: s for s in report["sections"]}
    visit = next(r for r in sections["comparison"].rows if r[0] == "訪問")
    assert visit[2:] == [1, 4, "+3"]  # FY2016 had one visit
    assert [r[1] for r in sections["councils"].rows] == ["第1層協議体"]
    assert report["monthly"] == monthly
    areas = dict((r[0], r[1]) for r in sections["areas"].rows)
    assert areas["中央圏域"] == 3 and areas["北部圏域"] == 3
