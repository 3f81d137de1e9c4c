"""The directory API: staff CRUD with the same rules as the pages, and the public search."""

import pytest
from django_scopes import scope

from sasaeai.directory.models import Category, Resource

from .conftest import WEDNESDAY_MORNING


def api(city):
    return f"/api/v1/m/{city.code}"


def test_staff_create_read_change_and_delete_a_resource(cast, client_for, city, directory):
    c = client_for(cast.officer)
    with scope(municipality=city):
        salon = Category.objects.get(name="定期型サロン").pk
    body = {
        "name": "水曜サロン", "status": "active", "published": True, "area": city.area_a1.pk, "categories": [salon],
        "schedules": [{"freq": "WEEKLY", "byday": "WE", "opens_at": "10:00", "closes_at": "12:00"}],
        "closures": [{"kind": "year_end"}],
    }  # fmt: skip
    created = c.post(f"{api(city)}/services", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["categories"] == [salon] and data["schedules"][0]["byday"] == "WE"
    rid = data["id"]
    assert c.get(f"{api(city)}/services/{rid}").json()["name"] == "水曜サロン"
    changed = c.patch(
        f"{api(city)}/services/{rid}",
        {"cost": "100円", "version": data["version"]},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["cost"] == "100円"
    stale = c.patch(
        f"{api(city)}/services/{rid}",
        {"cost": "200円", "version": data["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409
    history = c.get(f"{api(city)}/services/{rid}/history").json()
    assert history[0]["user"] == "officer"
    assert c.delete(f"{api(city)}/services/{rid}").status_code == 204
    with scope(municipality=city):
        assert not Resource.objects.exists()


def test_the_api_answers_422_with_japanese_messages(cast, client_for, city, directory):
    response = client_for(cast.officer).post(
        f"{api(city)}/services",
        {"name": "体操", "schedules": [{"freq": "WEEKLY", "byday": "XX"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "schedules.0.byday" and "曜日" in detail[0]["msg"]


def test_a_viewer_reads_but_cannot_write(cast, client_for, city, make_resource):
    resource = make_resource("サロン")
    c = client_for(cast.viewer)
    assert c.get(f"{api(city)}/services").status_code == 200
    assert c.post(f"{api(city)}/services", {"name": "x"}, content_type="application/json").status_code == 403
    assert (
        c.patch(
            f"{api(city)}/services/{resource.pk}", {"name": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert c.delete(f"{api(city)}/services/{resource.pk}").status_code == 403


def test_an_area_coordinator_changes_only_her_area_through_the_api(cast, client_for, city, make_resource):
    theirs = make_resource("北山体操", area=city.area_b1)
    c = client_for(cast.l2_a)
    assert (
        c.post(
            f"{api(city)}/services",
            {"name": "本町体操", "area": city.area_a1.pk},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert (
        c.post(
            f"{api(city)}/services",
            {"name": "北山の会", "area": city.area_b1.pk},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert (
        c.post(f"{api(city)}/services", {"name": "地区なし"}, content_type="application/json").status_code
        == 403
    )
    assert (
        c.patch(
            f"{api(city)}/services/{theirs.pk}", {"name": "x"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_staff_search_through_the_api_uses_the_same_search(cast, client_for, city, make_resource):
    make_resource("ふれあいサロン", schedules=[WEDNESDAY_MORNING])
    make_resource("囲碁クラブ")
    body = client_for(cast.viewer).get(f"{api(city)}/services", {"q": "ｻﾛﾝ"}).json()
    assert body["count"] == 1 and body["items"][0]["name"] == "ふれあいサロン"


def test_organisations_crud(cast, client_for, city, directory):
    c = client_for(cast.officer)
    created = c.post(
        f"{api(city)}/organizations",
        {"name": "本町自治会", "area": city.area_a1.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    oid = created.json()["id"]
    assert c.get(f"{api(city)}/organizations").json()["count"] == 1
    assert (
        c.patch(
            f"{api(city)}/organizations/{oid}", {"phone": "0285-00-0000"}, content_type="application/json"
        ).json()["phone"]
        == "0285-00-0000"
    )
    assert c.delete(f"{api(city)}/organizations/{oid}").status_code == 204


def test_another_municipalitys_ids_are_not_found(cast, client_for, city, other_city, make_resource):
    resource = make_resource("ひなたサロン")
    c = client_for(cast.other_officer)
    assert c.get(f"/api/v1/m/{other_city.code}/services/{resource.pk}").status_code == 404
    response = c.post(
        f"/api/v1/m/{other_city.code}/services",
        {"name": "x", "area": city.area_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 404


# --- public search ------------------------------------------------------------------------------------


def public(city):
    return f"/api/v1/public/m/{city.code}/services"


def test_the_public_search_returns_hsds_shaped_services_with_distance(client, city, make_resource):
    make_resource(
        "近くの体操", place=(36.3805, 139.7305), schedules=[WEDNESDAY_MORNING], categories=["体操教室"]
    )
    make_resource("遠くの体操", place=(36.45, 139.73))
    make_resource("非公開の体操", place=(36.3805, 139.7305), published=False)
    body = client.get(public(city), {"q": "体操", "near": "36.38,139.73", "radius_m": 1000}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "近くの体操"
    assert set(item) >= {"id", "name", "description", "locations", "schedules", "distance_m"}
    assert item["locations"][0]["latitude"] == 36.3805
    assert item["schedules"][0]["byday"] == "WE"
    assert 60 < item["distance_m"] < 80


def test_the_public_search_filters_by_area_category_and_weekday(client, city, make_resource):
    make_resource("本町の水曜体操", area=city.area_a1, categories=["体操教室"], schedules=[WEDNESDAY_MORNING])
    make_resource("北山の水曜体操", area=city.area_b1, categories=["体操教室"], schedules=[WEDNESDAY_MORNING])
    make_resource(
        "本町の月曜サロン",
        area=city.area_a1,
        categories=["定期型サロン"],
        schedules=[{"freq": "WEEKLY", "byday": "MO"}],
    )
    names = lambda **q: sorted(i["name"] for i in client.get(public(city), q).json()["items"])  # noqa: E731
    assert names(area="A") == ["本町の月曜サロン", "本町の水曜体操"]
    assert names(category="prevention") == ["北山の水曜体操", "本町の水曜体操"]
    assert names(weekday=2, area=str(city.area_a.pk)) == ["本町の水曜体操"]


def test_the_searches_filter_by_care_level_wheelchair_and_transport(
    client, cast, client_for, city, make_resource
):
    make_resource("自立の体操", accepts_care_need=False)
    make_resource("要介護も歓迎の体操", accepts_care_need=True, wheelchair_accessible=True)
    make_resource(
        "送迎つきの体操", accepts_care_need=True, accepts_independent=False, transport_provided=True
    )
    staff = client_for(cast.viewer)
    for get, url in ((client.get, public(city)), (staff.get, f"/api/v1/m/{city.code}/services")):
        names = lambda get=get, url=url, **q: sorted(i["name"] for i in get(url, q).json()["items"])  # noqa: E731
        assert names(q="体操", care_level="care") == ["要介護も歓迎の体操", "送迎つきの体操"]
        assert names(care_level="independent") == ["自立の体操", "要介護も歓迎の体操"]
        assert names(care_level="care", wheelchair="true") == ["要介護も歓迎の体操"]
        assert names(transport="true") == ["送迎つきの体操"]


@pytest.mark.parametrize(
    "query", [{"near": "abc"}, {"near": "0,0"}, {"weekday": 7}, {"care_level": "要介護"}]
)
def test_the_public_search_rejects_bad_parameters_in_japanese(client, city, directory, query):
    response = client.get(public(city), query)
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["field"] == next(iter(query))
    assert any("\u3040" <= ch <= "\u9fff" for ch in error["msg"])  # written in Japanese


@pytest.mark.parametrize("query", [{"status": "running"}, {"sector": "npo"}, {"care_level": "x"}])
def test_the_staff_search_rejects_unknown_choices_in_japanese(cast, client_for, city, directory, query):
    response = client_for(cast.viewer).get(f"/api/v1/m/{city.code}/services", query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == next(iter(query))
    assert (
        client_for(cast.viewer).get(f"/api/v1/m/{city.code}/services", {"status": "paused"}).status_code
        == 200
    )


def test_the_public_api_of_an_unknown_municipality_is_404(client, db):
    assert client.get("/api/v1/public/m/999999/services").status_code == 404


def test_the_public_search_locates_an_address_without_an_outside_geocoder(client, city, make_resource):
    make_resource("本町の体操", place=(36.3812, 139.7312))
    body = client.get(public(city), {"address": "本町", "radius_m": 500}).json()
    assert [i["name"] for i in body["items"]] == ["本町の体操"] and body["items"][0]["distance_m"] < 100
    response = client.get(public(city), {"address": "どこにもない町"})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "address"


def _directory_schemas():
    from ninja import Schema

    import sasaeai.directory.api  # noqa: F401 (defines the schemas)

    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("sasaeai.directory"):
            found.append(cls)
    return found


def test_no_schema_field_is_declared_as_a_path_parameter():
    import typing

    from ninja.params.models import Param

    schemas = _directory_schemas()
    assert {"OrganizationOut", "OrganizationIn", "PlaceIn", "CategoryOut"} <= {s.__name__ for s in schemas}
    for schema in schemas:
        for name, hint in typing.get_type_hints(schema, include_extras=True).items():
            for meta in getattr(hint, "__metadata__", ()):
                assert not isinstance(meta, Param), f"{schema.__name__}.{name} is declared as {meta!r}"


def test_an_organisations_postal_code_round_trips_through_the_api(cast, client_for, city, directory):
    c = client_for(cast.officer)
    created = c.post(
        f"{api(city)}/organizations",
        {"name": "本町自治会", "postal_code": "321-0001"},
        content_type="application/json",
    ).json()
    assert created["postal_code"] == "321-0001"
    assert c.get(f"{api(city)}/organizations/{created['id']}").json()["postal_code"] == "321-0001"


def test_the_api_package_keeps_the_operation_ids_of_the_single_module(client, db):
    from sasaeai.directory.api import public_router, router

    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for item in schema["paths"].values() for op in item.values()}
    assert {"sasaeai_directory_api_list_organizations", "sasaeai_directory_api_public_services",
            "sasaeai_directory_api_hsds_services"} <= ids  # fmt: skip
    assert router.path_operations and public_router.path_operations
