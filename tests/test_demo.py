"""The demo: deterministic, idempotent, every role, and two municipalities that never mix.

Loading the demo takes a while, so this module loads it once (per test worker and database) inside
a transaction that is rolled back at the end; every app's demo checks live here.
"""

import re

import pytest
from django.db import transaction
from django.test import Client
from django_scopes import scope, scopes_disabled

from sasaeai.core.demo import CITY, TOWN, load_demo
from sasaeai.core.models import Area, Municipality, Role, StaffRole
from sasaeai.core.permissions import municipalities_for

from .core.test_tenancy import API_OPERATIONS, STAFF_ROUTES, project_models


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield Municipality.objects.get(code=CITY["code"]), Municipality.objects.get(code=TOWN["code"])
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def _counts():
    from sasaeai.core.models import TenantModel

    with scopes_disabled():
        return {m._meta.label: m.objects.count() for m in project_models() if issubclass(m, TenantModel)}


def test_running_the_demo_twice_adds_nothing(demo):
    before = _counts()
    load_demo()
    assert _counts() == before


def test_the_demo_city_has_three_layers_and_staff_of_every_role(demo):
    city, _town = demo
    with scope(municipality=city):
        layers = {layer: Area.objects.filter(layer=layer).count() for layer in (1, 2, 3)}
        roles = set(StaffRole.objects.values_list("role", flat=True))
        assert Area.objects.filter(layer=3, latitude__isnull=False).count() == layers[3]
        assert not Area.objects.filter(populations__isnull=True).exists()
    assert layers[1] == 1 and layers[2] == 6 and layers[3] >= 20
    assert roles == set(Role.values)


def test_one_officer_works_for_both_demo_municipalities(demo):
    from django.contrib.auth import get_user_model

    tanaka = get_user_model().objects.get(username="tanaka")
    assert {m.code for m in municipalities_for(tanaka)} == {CITY["code"], TOWN["code"]}


def test_no_record_of_the_city_is_visible_in_the_town(demo):
    city, town = demo
    from sasaeai.core.models import TenantModel

    for model in project_models():
        if not issubclass(model, TenantModel):
            continue
        with scopes_disabled():
            city_ids = list(model.objects.filter(municipality=city).values_list("pk", flat=True)[:500])
        with scope(municipality=town):
            assert not model.objects.filter(pk__in=city_ids).exists(), model


CITY_ONLY_WORDS = ["ひなた市", "中央圏域", "北部圏域", "山の手圏域"]


def _leaks(text: str) -> list[str]:
    return [w for w in CITY_ONLY_WORDS if w in text]


def test_the_town_pages_and_api_show_nothing_of_the_city(demo):
    """The officer works for both; everything she opens in the town must be the town's alone."""
    city, town = demo
    c = Client()
    from django.contrib.auth import get_user_model

    c.force_login(get_user_model().objects.get(username="tanaka"))
    checked = 0
    for route, _view in STAFF_ROUTES:
        if re.search(r"<(?!str:code)", route):
            continue
        response = c.get("/" + route.replace("<str:code>", town.code))
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            page = response.content.decode()
            # the municipality switcher legitimately names the other municipality
            page = re.sub(
                r'<li class="nav-item dropdown" id="municipality-switcher">.*?</li>\s*</ul>\s*</li>',
                "",
                page,
                flags=re.S,
            )
            assert _leaks(page) == [], route
            checked += 1
    for method, path in API_OPERATIONS:
        if method != "GET" or re.search(r"\{(?!code)", path):
            continue
        response = c.get(path.replace("{code}", town.code))
        if response.status_code == 200:
            assert _leaks(response.content.decode("unicode_escape", errors="ignore")) == [], path
            checked += 1
    assert checked >= 8


# --- each app's part of the demo ----------------------------------------------------------------


def test_the_directory_holds_what_the_seeds_describe(demo):
    from sasaeai.directory.models import Place, Resource

    city, _town = demo
    with scope(municipality=city):
        assert 140 <= Resource.objects.count() <= 170
        assert Resource.objects.filter(latitude__isnull=False).count() >= 140
        assert Resource.objects.filter(schedules__isnull=False).distinct().count() >= 140
        assert Resource.objects.values("categories__parent").distinct().count() >= 8
        assert Place.objects.filter(is_potential=True).exists()
        for area in Area.objects.filter(layer=2):  # shopping support in every 2nd-layer area
            assert Resource.objects.filter(area=area, categories__name="移動販売").exists(), area.name
        schedules = {
            r.name: [str(s) for s in r.schedules.all()]
            for r in Resource.objects.prefetch_related("schedules")
        }
    assert schedules["水曜朝のふれあいサロン"] == ["毎週水曜 10:00〜12:00"]
    assert schedules["常設サロンひだまり"] == ["毎日（木曜を除く） 10:00〜16:00"]
    assert schedules["絵手紙の会「あじさい」"] == ["毎月第2・第4火曜 13:30〜15:30"]
    assert "外出を支え隊（通院送迎）" in schedules


def test_the_coordinators_have_a_year_of_activity_records(demo):
    from django.contrib.auth import get_user_model

    from sasaeai.activities import services
    from sasaeai.core.fiscal import current_fiscal_year

    city, _town = demo
    suzuki_user = get_user_model().objects.get(username="suzuki")
    with scope(municipality=city):
        previous = services.monthly_report(city, current_fiscal_year() - 1)
        suzuki = services.monthly_report(city, current_fiscal_year() - 1, coordinator=suzuki_user)
    totals = {r["kind"]: r["total"] for r in previous["rows"]}
    assert totals["visit"] > 300 and totals["consultation"] > 100
    assert totals["coordinator_meeting"] == 12 and totals["symposium"] == 1
    assert totals["council_l1"] > 0  # held council meetings count without being entered twice
    visits = next(r for r in suzuki["rows"] if r["kind"] == "visit")["months"]
    assert all(n > 0 for n in visits)  # every month of the year has visits


def test_the_councils_span_three_fiscal_years_and_one_action_became_a_resource(demo):
    from sasaeai.councils.models import ActionItem, Council, Meeting

    city, _town = demo
    with scope(municipality=city):
        assert set(Council.objects.values_list("layer", flat=True)) == {1, 2}
        assert Council.objects.filter(layer=2).count() == 2
        assert Meeting.objects.values("fiscal_year").distinct().count() >= 3
        assert ActionItem.objects.filter(resource__isnull=False).exists()
