"""Every query parameter of the public pages and the public API, given garbage: a clear Japanese message or
the value is ignored — never a server error."""

import pytest

GARBAGE = [
    "abc", "-1", "0", "99999999999999999999", "1e999", "nan", "²", "１２", "1,2,3", "36.38,abc", "\x00", "'; --",
    "x" * 3000,
]  # fmt: skip

PAGE_PARAMS = ["q", "area", "category", "weekday", "near", "address", "radius_m", "page"]
MAP_PARAMS = ["area", "category", "size", "download"]
API_PARAMS = ["q", "area", "category", "weekday", "near", "address", "radius_m", "limit", "offset"]
HSDS = {
    "services": ["page", "per_page", "search", "taxonomy_term_id", "taxonomy_id", "organization_id",
                 "modified_after", "proximity"],
    "organizations": ["page", "per_page", "search"],
    "taxonomies": ["page", "per_page"],
    "taxonomy_terms": ["page", "per_page", "search", "parent_id"],
    "service_at_locations": ["page", "per_page"],
}  # fmt: skip


@pytest.fixture
def published(make_resource, city):
    return make_resource(
        "本町サロン", area=city.area_a1, categories=["定期型サロン"], place=(36.381, 139.731)
    )


def ok_or_clear(response):
    """200, or a 4xx with a Japanese message; never 500."""
    assert response.status_code < 500, response.content[:300]
    if response.status_code == 422:
        assert any(
            "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
            for ch in response.json()["detail"][0]["msg"]
        )
    return response


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("param", PAGE_PARAMS)
def test_the_public_search_page_survives_garbage(param, value, client, city, published):
    response = ok_or_clear(client.get(f"/p/{city.code}/", {param: value}))
    assert response.status_code == 200


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("param", MAP_PARAMS)
def test_the_printable_public_map_survives_garbage(param, value, client, city, published):
    response = ok_or_clear(client.get(f"/p/{city.code}/map.pdf", {param: value}))
    assert response.status_code in (200, 400)


def test_the_printable_public_map_explains_a_bad_area_in_japanese(client, city, published):
    response = client.get(f"/p/{city.code}/map.pdf", {"area": "abc"})
    assert response.status_code == 400 and "地区" in response.content.decode()
    assert client.get(f"/p/{city.code}/map.pdf", {"area": city.area_a.pk}).status_code == 200


def test_a_bad_value_on_the_search_page_is_named_and_the_rest_of_the_search_still_applies(
    client, city, published, make_resource
):
    make_resource("北山サロン", area=city.area_b1)
    page = client.get(f"/p/{city.code}/", {"area": city.area_a.pk, "weekday": "abc"}).content.decode()
    assert "本町サロン" in page and "北山サロン" not in page
    notice = page.split('id="ignored-input">', 1)[1].split("</div>", 1)[0]
    assert "読み取れなかった" in notice and "曜日" in notice and "地区" not in notice


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize("param", API_PARAMS)
def test_the_public_api_survives_garbage(param, value, client, city, published):
    ok_or_clear(client.get(f"/api/v1/public/m/{city.code}/services", {param: value}))


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize(
    "endpoint,param", [(endpoint, param) for endpoint, params in HSDS.items() for param in params]
)
def test_the_hsds_api_survives_garbage(endpoint, param, value, client, city, published):
    ok_or_clear(client.get(f"/api/v1/public/m/{city.code}/hsds/{endpoint}", {param: value}))


@pytest.mark.parametrize(
    "value",
    ["36.38,139.73,1e999", "36.38,139.73,nan", "36.38,139.73,-5", "36.38,139.73,99999999", "1e999,1,1"],
)
def test_a_bad_hsds_proximity_is_explained_in_japanese(value, client, city, published):
    response = ok_or_clear(client.get(f"/api/v1/public/m/{city.code}/hsds/services", {"proximity": value}))
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "proximity"


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize(
    "path",
    ["services/{}", "hsds/services/{}", "hsds/organizations/{}", "hsds/taxonomies/{}",
     "hsds/taxonomy_terms/{}", "hsds/service_at_locations/{}"],
)  # fmt: skip
def test_public_api_record_ids_survive_garbage(path, value, client, city, published):
    from urllib.parse import quote

    response = ok_or_clear(client.get(f"/api/v1/public/m/{city.code}/" + path.format(quote(value, safe=""))))
    assert response.status_code in (404, 422)
