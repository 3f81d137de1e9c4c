"""The JSON API: bearer tokens, the stable paths, paging, and Japanese 422 errors with the field."""

from django.core.management import call_command
from django_scopes import scope

from sasaeai.core.models import ApiToken, Area


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_create_prints_a_token_that_authenticates(cast, client, city, capsys):
    call_command("token", "create", "officer")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("sae_")
    response = client.get(f"/api/v1/m/{city.code}/areas", **bearer(raw))
    assert response.status_code == 200
    assert ApiToken.objects.get(user=cast.officer).digest != raw  # only a digest is stored


def test_a_wrong_token_is_401(client, city, cast):
    assert client.get(f"/api/v1/m/{city.code}/areas", **bearer("sae_nope")).status_code == 401


def test_a_token_does_not_open_another_municipality(cast, client, other_city):
    _token, raw = ApiToken.issue(cast.officer)
    assert client.get(f"/api/v1/m/{other_city.code}/areas", **bearer(raw)).status_code == 404


def test_lists_return_count_and_items_with_paging(cast, client_for, city):
    body = client_for(cast.viewer).get(f"/api/v1/m/{city.code}/areas?limit=2&offset=1").json()
    assert body["count"] == 5
    assert [a["name"] for a in body["items"]] == ["中央圏域", "本町"]


def test_the_public_municipality_list_needs_no_login(client, city, other_city):
    body = client.get("/api/v1/public/municipalities").json()
    assert {(m["code"], m["name"]) for m in body["items"]} == {
        ("099996", "ひなた市"),
        ("099988", "こもれび町"),
    }


def test_creating_an_area_through_the_api(cast, city):
    _t, raw = ApiToken.issue(cast.l1)
    from django.test import Client

    response = Client().post(
        f"/api/v1/m/{city.code}/areas",
        {"parent": city.area_b.pk, "layer": 3, "name": "桜台", "reading": "さくらだい"},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 201, response.content
    with scope(municipality=city):
        assert Area.objects.get(name="桜台").path.startswith(city.area_b.path)


def test_a_missing_field_is_422_with_the_field_and_a_japanese_message(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/api/v1/m/{city.code}/areas", {"layer": 2}, content_type="application/json"
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {"field": "name", "msg": "この項目は必須です。", "type": "missing"} in detail


def test_a_service_rule_is_422_with_the_field(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/api/v1/m/{city.code}/areas",
        {"layer": 2, "name": "宙", "parent": None},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "parent"
    assert "第1層" in response.json()["detail"][0]["msg"]


def test_a_stale_version_is_409(cast, client_for, city):
    c = client_for(cast.officer)
    url = f"/api/v1/m/{city.code}/areas/{city.area_a.pk}"
    version = c.get(url).json()["version"]
    assert (
        c.patch(url, {"name": "一回目", "version": version}, content_type="application/json").status_code
        == 200
    )
    stale = c.patch(url, {"name": "二回目", "version": version}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["detail"][0]["field"] == "version"


def test_viewers_cannot_change_areas_through_the_api(cast, client_for, city):
    response = client_for(cast.viewer).post(
        f"/api/v1/m/{city.code}/areas",
        {"layer": 3, "name": "x", "parent": city.area_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_session_post_without_csrf_token_is_refused(cast, city):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(cast.officer)
    response = c.post(
        f"/api/v1/m/{city.code}/areas",
        {"layer": 3, "name": "x", "parent": city.area_a.pk},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_the_area_history_is_in_the_api(cast, client_for, city):
    c = client_for(cast.officer)
    c.patch(
        f"/api/v1/m/{city.code}/areas/{city.area_a.pk}", {"name": "中央"}, content_type="application/json"
    )
    history = c.get(f"/api/v1/m/{city.code}/areas/{city.area_a.pk}/history").json()
    assert history[0]["user"] == "officer"
    assert {"field": "名称", "old": "中央圏域", "new": "中央"} in history[0]["changes"]


def test_population_is_set_and_read_through_the_api(cast, client_for, city):
    c = client_for(cast.officer)
    url = f"/api/v1/m/{city.code}/areas/{city.area_a1.pk}/population"
    r = c.put(
        url,
        {"year": 2025, "total": 5000, "aged_65_plus": 1500, "aged_75_plus": 800},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert c.get(url).json() == [
        {
            "year": 2025,
            "total": 5000,
            "aged_65_plus": 1500,
            "aged_75_plus": 800,
            "elderly_single_households": 0,
        }
    ]


def test_openapi_documents_the_stable_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/m/{code}/areas" in paths
    assert "/api/v1/public/municipalities" in paths
    assert client.get("/api/v1/docs").status_code == 200


def test_a_refusal_explained_by_a_service_keeps_its_message(cast, client_for, city):
    """The activities service refuses records outside the coordinator's area, in Japanese."""
    response = client_for(cast.l2_a).post(
        f"/api/v1/m/{city.code}/activities",
        {"date": "2025-07-12", "kind": "visit", "area": city.area_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "地区" in response.json()["detail"] or "圏域" in response.json()["detail"]
    assert "." not in response.json()["detail"].rstrip("。")
