"""What we publish as HSDS 3.0 — the JSON export and the HSDS read API — validates against the
official JSON Schemas (tests/fixtures/hsds-3.0, CC BY-SA 4.0, Open Referral)."""

import json
from datetime import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .conftest import WEDNESDAY_MORNING

SCHEMAS = Path(__file__).parent.parent / "fixtures" / "hsds-3.0"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    schema["$id"] = f"{name}.json"
    return Draft202012Validator(schema, registry=REGISTRY, format_checker=FormatChecker())


def assert_valid(name: str, item: dict) -> None:
    errors = sorted(validator(name).iter_errors(item), key=lambda e: list(e.path))
    assert not errors, [(list(e.path), e.message) for e in errors[:5]]


@pytest.fixture
def published(make_resource, directory):
    from django_scopes import scope

    from sasaeai.directory import services
    from sasaeai.directory.models import OrganizationType

    with scope(municipality=directory):
        org = services.create_organization(
            directory, {"name": "ひなた市社会福祉協議会", "type": OrganizationType.objects.get(name="社会福祉法人"),
                        "phone": "0285-22-1111", "email": "info@example.jp", "url": "https://example.jp/",
                        "contact_person": "山田 太郎", "notes": "内部メモ"},
            actor=None,
        )  # fmt: skip
    make_resource(
        "水曜朝のふれあいサロン", organization=org, categories=["定期型サロン"], place=(36.38, 139.73),
        schedules=[WEDNESDAY_MORNING], closures=[{"kind": "holidays"}], cost="100円", phone="0285-22-0000",
        service_areas=[directory.area_a], min_age=65, url="https://example.jp/salon",
    )  # fmt: skip
    make_resource(
        "常設サロンひだまり", categories=["常設型サロン"], place=(36.381, 139.731), is_free=True, status="paused",
        schedules=[{"freq": "DAILY", "byday": "MO,TU,WE,FR,SA,SU", "opens_at": time(10), "closes_at": time(16)}],
    )  # fmt: skip
    make_resource(
        "絵手紙の会", schedules=[{"freq": "MONTHLY", "byday": "2TU,4TU"}, {"freq": "", "note": "夏休みあり"}]
    )
    make_resource("下書き", published=False)
    return org


def test_the_json_export_validates_against_the_hsds_schemas(published, cast, client_for, city):
    response = client_for(cast.officer).get(f"/m/{city.code}/directory/hsds.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert len(document["services"]) == 3
    for name, key in [("service", "services"), ("organization", "organizations"), ("location", "locations"),
                      ("taxonomy", "taxonomies"), ("taxonomy_term", "taxonomy_terms")]:  # fmt: skip
        assert document[key], key
        for item in document[key]:
            assert_valid(name, item)
    daily = next(s for s in document["services"] if s["name"] == "常設サロンひだまり")
    assert daily["schedules"][0]["freq"] == "WEEKLY" and daily["schedules"][0]["byday"] == "MO,TU,WE,FR,SA,SU"
    assert daily["status"] == "temporarily closed"


def test_the_export_leaves_out_personal_data_and_internal_notes(published, cast, client_for, city):
    text = client_for(cast.officer).get(f"/m/{city.code}/directory/hsds.json").content.decode()
    assert "山田" not in text and "内部メモ" not in text and "下書き" not in text


def hsds_get(client, city, path, **params):
    response = client.get(f"/api/v1/public/m/{city.code}/hsds/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_hsds_api_pages_validate_against_the_schemas(published, client, city):
    root = hsds_get(client, city, "")
    assert root["version"] == "3.0"
    for path, name in [("services", "service"), ("organizations", "organization"), ("taxonomies", "taxonomy"),
                       ("taxonomy_terms", "taxonomy_term"), ("service_at_locations", "service_at_location")]:  # fmt: skip
        page = hsds_get(client, city, path)
        assert {
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        } <= set(page)
        assert page["contents"], path
        for item in page["contents"]:
            assert_valid(name, item)
        one = hsds_get(client, city, f"{path}/{page['contents'][0]['id']}")
        assert_valid(name, one)


def test_the_hsds_api_searches_pages_and_filters(published, client, city):
    assert hsds_get(client, city, "services", search="ｻﾛﾝ")["total_items"] == 2
    first = hsds_get(client, city, "services", per_page=2, page=1)
    second = hsds_get(client, city, "services", per_page=2, page=2)
    assert first["total_pages"] == 2 and first["size"] == 2 and second["size"] == 1 and second["last_page"]
    term = next(
        t
        for t in hsds_get(client, city, "taxonomy_terms", per_page=100)["contents"]
        if t["name"] == "常設型サロン"
    )
    assert [
        s["name"] for s in hsds_get(client, city, "services", taxonomy_term_id=term["id"])["contents"]
    ] == ["常設サロンひだまり"]
    by_org = hsds_get(client, city, "services", organization_id=str(published.public_id))["contents"]
    assert [s["name"] for s in by_org] == ["水曜朝のふれあいサロン"]
    near = hsds_get(client, city, "services", proximity="36.3801,139.7301,50")["contents"]
    assert [s["name"] for s in near] == ["水曜朝のふれあいサロン"]
    assert hsds_get(client, city, "services", modified_after="2999-01-01T00:00:00")["empty"] is True
