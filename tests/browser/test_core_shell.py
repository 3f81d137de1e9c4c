"""A staff member logs in, sees the dashboard, switches municipality; on a phone too; no outside calls."""

from urllib.parse import urlparse

import pytest
from django_scopes import scopes_disabled

from sasaeai.core.models import Role
from sasaeai.core.services.staff import grant_role
from tests import factories

from .conftest import login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def officer_of_two(city, other_city):
    user = factories.staff(city, Role.OFFICER, username="tanaka")
    user.last_name = "田中 市子"
    user.save()
    with scopes_disabled():
        grant_role(other_city, user, Role.OFFICER, actor=None)
    return user


def _watch_hosts(pg, live_server):
    """Collect every request that leaves the live server (closed networks allow none)."""
    outside = []
    own = urlparse(live_server.url).netloc
    pg.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).netloc not in (own, "") and not r.url.startswith("data:")
            else None
        ),
    )
    return outside


def test_log_in_switch_municipality_and_see_the_dashboard(
    page, live_server, officer_of_two, city, other_city
):
    outside = _watch_hosts(page, live_server)
    page.goto("/accounts/login/")
    assert page.locator("h1").inner_text() == "職員ログイン"
    screenshot(page, "core-login")
    login(page, "tanaka")
    # two municipalities: the chooser
    assert page.locator("h1").inner_text() == "自治体を選択"
    page.click("main a:has-text('ひなた市')")
    page.wait_for_url(f"**/m/{city.code}/")
    assert "ひなた市" in page.locator("h1").inner_text()
    assert "市町村担当" in page.locator("#my-roles").inner_text()
    screenshot(page, "core-dashboard")
    page.click("#municipality-switcher > a")
    page.click(f"#municipality-switcher a[href='/m/{other_city.code}/']")
    page.wait_for_url(f"**/m/{other_city.code}/")
    assert "こもれび町" in page.locator("h1").inner_text()
    page.click("nav >> text=圏域・地区")
    assert page.locator("#area-table").inner_text().count("本郷地区") == 1
    assert "中央圏域" not in page.content()
    assert outside == []


def test_the_area_page_works_on_a_phone_without_map_tiles(phone, live_server, officer_of_two, city):
    outside = _watch_hosts(phone, live_server)
    login(phone, "tanaka")
    phone.goto(f"/m/{city.code}/areas/{city.area_a1.pk}/")
    assert phone.locator("h1").inner_text().startswith("本町")
    # the Leaflet map drew its marker although no tile server is configured
    phone.wait_for_selector(".leaflet-marker-icon")
    screenshot(phone, "core-area-phone")
    # the menu collapses behind the toggler on a phone
    assert not phone.locator("#mainnav").is_visible()
    phone.click(".navbar-toggler")
    phone.wait_for_selector("#mainnav.show")
    assert phone.locator("#mainnav >> text=職員").is_visible()
    assert outside == []


def test_an_area_is_placed_by_clicking_the_map(page, live_server, officer_of_two, city):
    login(page, "tanaka")
    page.click("main a:has-text('ひなた市')")
    page.goto(f"/m/{city.code}/areas/new/")
    page.select_option("#id_parent", str(city.area_a.pk))
    page.select_option("#id_layer", "3")
    page.fill("#id_name", "錦町")
    page.locator(".map").click(position={"x": 120, "y": 120})
    assert page.input_value("#id_latitude") != ""
    page.click("button[type=submit]")
    page.wait_for_selector("text=圏域・地区を作成しました。")
    screenshot(page, "core-area-created")
    assert "錦町" in page.locator("h1").inner_text()
