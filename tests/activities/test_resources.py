"""Records link to directory resources; the annual report counts resources added and ended."""

import datetime

from django.utils import timezone
from django_scopes import scope

from sasaeai.activities import services
from sasaeai.core.fiscal import current_fiscal_year
from sasaeai.directory.models import Resource
from sasaeai.directory.services.resources import create_resource


def make_resource(city, name, area, actor, **more):
    with scope(municipality=city):
        return create_resource(city, {"name": name, "area": area, **more}, actor=actor)


def test_a_record_links_to_resources_through_the_api(city, cast, client_for):
    salon = make_resource(city, "ふれあいサロンひだまり", city.area_a1, cast.officer)
    c = client_for(cast.l2_a)
    body = c.post(
        f"/api/v1/m/{city.code}/activities",
        {"date": "2017-07-12", "kind": "visit", "area": city.area_a1.pk, "resources": [salon.pk]},
        content_type="application/json",
    ).json()
    assert body["resources"] == [salon.pk]
    page = c.get(f"/m/{city.code}/activities/{body['id']}/").content.decode()
    assert "ふれあいサロンひだまり" in page


def test_a_resource_of_another_city_cannot_be_linked(city, other_city, cast):
    foreign = make_resource(other_city, "よその体操教室", other_city.area_x, cast.other_officer)
    with scope(municipality=city):
        try:
            services.create_record(
                city,
                {"date": datetime.date(2017, 7, 12), "kind": "visit", "resources": [foreign]},
                actor=cast.l1,
            )
        except Exception as exc:  # noqa: BLE001
            assert "resources" in exc.message_dict
        else:
            raise AssertionError("a foreign resource was linked")


def test_the_annual_report_counts_resources_added_and_ended_in_the_year(city, cast):
    this_fy = current_fiscal_year()
    make_resource(city, "新しい配食サービス", city.area_a1, cast.officer)
    make_resource(
        city, "終わった体操教室", city.area_b1, cast.officer, status="ended", ended_on=timezone.localdate()
    )
    with scope(municipality=city):
        report = services.annual_report(city, this_fy)
        by_area = services.annual_report(city, this_fy, area=city.area_a)
        assert Resource.objects.count() == 2
    section = next(s for s in report["sections"] if s.key == "resources")
    assert section.rows == [[2, 1]]
    assert next(s for s in by_area["sections"] if s.key == "resources").rows == [[1, 0]]
