"""Nothing of one municipality is visible or changeable from another: models, pages, API."""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from sasaeai.api import api
from sasaeai.core.models import Area, TenantModel

NOT_TENANT_MODELS = {"core.municipality", "core.apitoken", "core.auditevent"}


def project_models():
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("sasaeai.") and not m.__name__.startswith("Historical")
    ]


def test_every_project_model_belongs_to_a_municipality():
    for model in project_models():
        if model._meta.label_lower in NOT_TENANT_MODELS:
            continue
        assert issubclass(model, TenantModel), f"{model._meta.label} must subclass TenantModel"


@pytest.mark.parametrize("model", [m for m in project_models() if issubclass(m, TenantModel)], ids=str)
def test_a_query_without_a_scope_raises(model, db):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.parametrize("model", [m for m in project_models() if issubclass(m, TenantModel)], ids=str)
def test_a_scope_only_sees_its_own_municipality(model, city, other_city):
    with scope(municipality=other_city):
        sql = str(model.objects.all().query)
    assert re.search(r"municipality_id\"? = \d+|municipality_id\"? IN", sql), sql


def test_areas_of_another_municipality_are_invisible_inside_a_scope(city, other_city):
    with scope(municipality=other_city):
        assert not Area.objects.filter(pk=city.area_a.pk).exists()
        assert Area.objects.filter(pk=other_city.area_x.pk).exists()


def _staff_page_patterns():
    """(route with placeholders, view) for every URL under /m/<code>/."""
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append((prefix + str(p.pattern), p.callback))

    walk(get_resolver().url_patterns, "")
    return [(route, view) for route, view in found if route.startswith("m/<str:code>/")]


def _fill(route: str, code: str) -> str:
    url = "/" + route.replace("<str:code>", code)
    url = re.sub(r"<int:\w+>", "1", url)
    url = re.sub(r"<(?:uuid:)?\w+>", "00000000-0000-0000-0000-000000000000", url)
    return url


STAFF_ROUTES = _staff_page_patterns()


def test_the_project_has_staff_pages_to_check():
    assert len(STAFF_ROUTES) >= 10


@pytest.mark.parametrize("route", [r for r, _v in STAFF_ROUTES])
def test_only_staff_of_the_municipality_get_past_the_door(route, cast, client_for, client, city):
    """Other municipality's staff and users without a role: 404; anonymous: the login page."""
    url = _fill(route, city.code)
    other = client_for(cast.other_officer)
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    assert client_for(cast.nobody).get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_municipality_is_404_even_for_a_superuser(cast, client_for):
    assert client_for(cast.admin).get("/m/999999/").status_code == 404


def _api_operations():
    """(method, path) of every staff API operation under /m/{code}/."""
    schema = api.get_openapi_schema()
    ops = []
    for path, methods in schema["paths"].items():
        if path.startswith("/api/v1/m/{code}/"):
            ops.extend((method.upper(), path) for method in methods)
    return ops


API_OPERATIONS = _api_operations()


@pytest.mark.parametrize(("method", "path"), API_OPERATIONS)
def test_the_api_answers_404_to_other_staff_and_401_without_credentials(
    method, path, cast, client_for, client, city
):
    url = re.sub(r"\{(?!code)\w+\}", "1", path).replace("{code}", city.code)
    response = client_for(cast.other_officer).generic(method, url, "{}", content_type="application/json")
    assert response.status_code == 404, response.content
    assert client.generic(method, url, "{}", content_type="application/json").status_code == 401


def test_another_municipalitys_area_cannot_be_read_or_changed_through_its_own_url(
    cast, client_for, city, other_city
):
    c = client_for(cast.other_officer)
    assert c.get(f"/api/v1/m/{other_city.code}/areas/{city.area_a.pk}").status_code == 404
    response = c.patch(
        f"/api/v1/m/{other_city.code}/areas/{city.area_a.pk}",
        {"name": "乗っ取り"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert c.get(f"/m/{other_city.code}/areas/{city.area_a.pk}/").status_code == 404
    city.area_a.refresh_from_db()
    assert city.area_a.name == "中央圏域"


def test_the_area_list_and_counts_of_one_municipality_exclude_the_other(cast, client_for, city, other_city):
    body = client_for(cast.other_officer).get(f"/api/v1/m/{other_city.code}/areas").json()
    assert body["count"] == 2
    assert {a["name"] for a in body["items"]} == {"こもれび町全域", "本郷地区"}
    page = client_for(cast.other_officer).get(f"/m/{other_city.code}/areas/").content.decode()
    assert "中央圏域" not in page


@pytest.mark.parametrize(
    ("method", "path"), [(m, p) for m, p in API_OPERATIONS if m == "GET" and not re.search(r"\{(?!code)", p)]
)
def test_every_staff_api_list_reads_the_code_from_the_path(method, path, cast, client_for, city):
    """A router mounted at /m/{code}/ must declare `code` as a path parameter, not a query one."""
    response = client_for(cast.officer).get(path.replace("{code}", city.code))
    if response.status_code == 422:
        fields = {d.get("field") for d in response.json()["detail"]}
        assert "code" not in fields, path
    assert response.status_code in (200, 422), (path, response.status_code)
