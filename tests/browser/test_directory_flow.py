"""A coordinator adds a resource; a resident finds it with half-width katakana, on the map, and
prints the area map — on a desktop and on a phone, with no call leaving the server."""

from urllib.parse import urlparse

import pytest
from django_scopes import scope

from sasaeai.core.models import Role
from sasaeai.directory import services
from sasaeai.directory.models import Resource
from tests import factories

from .conftest import login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator(city):
    with scope(municipality=city):
        services.ensure_defaults(city, actor=None)
        services.create_resource(
            city,
            {"name": "いきいき百歳体操", "status": "active", "published": True, "area": city.area_a1,
             "places": [services.create_place(city, {"name": "本町集会所", "latitude": 36.3815, "longitude": 139.7322}, actor=None)],
             "schedules": [{"freq": "WEEKLY", "byday": "TU"}]},
            actor=None,
        )  # fmt: skip
    return factories.staff(city, Role.COORDINATOR_L2, area=city.area_a, username="suzuki")


def _outside_requests(pg, live_server):
    outside, own = [], urlparse(live_server.url).netloc
    pg.on("request", lambda r: outside.append(r.url) if urlparse(r.url).netloc not in (own, "") else None)
    return outside


def test_a_resource_added_by_staff_is_found_by_a_resident_and_printed(
    coordinator, city, page, phone, live_server
):
    outside = _outside_requests(page, live_server)
    login(page, "suzuki")
    page.goto(f"/m/{city.code}/directory/resources/new/")
    page.fill("#id_name", "ふれあいサロン水曜会")
    page.fill("#id_reading", "ふれあいさろんすいようかい")
    page.fill("#id_description", "お茶を飲みながらおしゃべりします。")
    page.select_option("#id_area", str(city.area_a1.pk))
    page.check("#id_published")
    page.select_option("#id_s-0-freq", "WEEKLY")
    page.check("#id_s-0-days_2")  # Wednesday
    page.fill("#id_s-0-opens_at", "10:00")
    page.fill("#id_s-0-closes_at", "12:00")
    page.select_option("#id_c-0-kind", "holidays")
    page.fill("#id_new_place_name", "本町公民館")
    # Set the point by clicking the map (no tiles here: a plain background).
    page.locator("#resource-form .map").click(position={"x": 150, "y": 150})
    assert page.input_value("#id_new_place_latitude") != ""
    screenshot(page, "directory-staff-form")
    page.click("#save-resource")
    page.wait_for_load_state("networkidle")
    assert "毎週水曜 10:00〜12:00" in page.inner_text("#schedule-text")
    screenshot(page, "directory-staff-detail")
    with scope(municipality=city):
        assert Resource.objects.get(name="ふれあいサロン水曜会").places.get().latitude is not None

    # A resident, on a desktop: half-width katakana finds the salon; the map shows its marker.
    page.context.clear_cookies()
    page.goto(f"/p/{city.code}/")
    page.fill("#id_q", "ﾌﾚｱｲｻﾛﾝ")
    page.click("#search-button")
    page.wait_for_load_state("networkidle")
    assert "ふれあいサロン水曜会" in page.inner_text("#public-list")
    assert "いきいき百歳体操" not in page.inner_text("#public-list")
    assert page.locator("#public-map .map-numbered-marker").count() == 1
    screenshot(page, "directory-public-search-desktop")
    # …clicks the map to search near that point, then opens the printable map.
    page.locator("#public-map").click(position={"x": 200, "y": 200})
    page.wait_for_load_state("networkidle")
    assert "near=" in page.url
    page.goto(f"/p/{city.code}/?q=ｻﾛﾝ")
    href = page.get_attribute("#print-map", "href")
    pdf = page.request.get(href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # On a phone: the same search, then the large-text detail page.
    phone.goto(f"/p/{city.code}/?q=ｻﾛﾝ")
    assert "ふれあいサロン水曜会" in phone.inner_text("#public-list")
    screenshot(phone, "directory-public-search-phone")
    phone.click("text=ふれあいサロン水曜会")
    phone.wait_for_load_state("networkidle")
    assert "毎週水曜 10:00〜12:00" in phone.inner_text("#schedule-text")
    assert "祝日は休み" in phone.inner_text("#schedule-text")
    screenshot(phone, "directory-public-detail-phone")
    assert outside == []


def test_staff_download_the_area_map_pdf_from_the_print_page(coordinator, city, page):
    login(page, "suzuki")
    page.goto(f"/m/{city.code}/directory/transfer/")
    page.select_option("#id_area", str(city.area_a.pk))
    page.check("input[name=categories] >> nth=1")
    with page.expect_download() as download_info:
        page.click("#make-pdf")
    path = download_info.value.path()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
