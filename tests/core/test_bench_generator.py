"""The benchmark generator builds a whole fictional city through the services, and only there."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from bench.generate import generate_municipality, remove_municipality, role_counts, with_check_digit
from sasaeai.core import permissions as perms
from sasaeai.core.models import Area, AreaPopulation, AuditEvent, Municipality, Role, StaffRole
from sasaeai.core.permissions import Access
from sasaeai.core.services.areas import subtree_population

User = get_user_model()
CODE = with_check_digit("09970")


@pytest.fixture
def bench_city(db):
    return generate_municipality(CODE, 30, 10, seed=3)


def test_check_digit_makes_a_valid_local_government_code():
    assert with_check_digit("01234") == "012343"  # 0·6+1·5+2·4+3·3+4·2 = 30; 11 − 30 mod 11 = 3
    assert with_check_digit("131016") == "131016"  # 千代田区
    assert CODE[:5] == "09970" and len(CODE) == 6


def test_generator_refuses_an_invalid_code(db):
    with pytest.raises(ValidationError):
        generate_municipality(CODE[:5] + str((int(CODE[5]) + 1) % 10), 30, 10)


def test_generator_builds_a_root_about_one_district_in_twenty_and_towns_under_them(bench_city):
    with scope(municipality=bench_city):
        root = Area.objects.get(parent__isnull=True)
        districts = list(Area.objects.filter(layer=2))
        towns = list(Area.objects.filter(layer=3).select_related("parent"))
        assert root.layer == 1
        assert Area.objects.count() == 30
        assert len(districts) == 2  # round(30 / 20)
        assert len(towns) == 27
        assert all(d.parent_id == root.pk for d in districts)
        assert all(t.parent.layer == 2 for t in towns)
        assert all(d.children.exists() for d in districts)
        assert all(a.path.startswith(root.path) for a in [*districts, *towns])
        assert all(t.path == f"{t.parent.path}{t.pk}/" for t in towns)
        assert len({a.code for a in Area.objects.all()}) == 30


def test_generator_sets_population_for_two_years_with_upper_layers_as_sums(bench_city):
    with scope(municipality=bench_city):
        assert AreaPopulation.objects.count() == 60
        assert set(AreaPopulation.objects.values_list("year", flat=True)) == {2024, 2025}
        root = Area.objects.get(parent__isnull=True)
        for year in (2024, 2025):
            own = root.populations.get(year=year)
            sums = subtree_population(root, year)
            assert own.total == sums["total"] > 0
            assert own.aged_65_plus == sums["aged_65_plus"]
        for p in AreaPopulation.objects.all():
            assert p.aged_75_plus <= p.aged_65_plus <= p.total


def test_generator_gives_staff_every_role_with_area_scoped_roles_on_districts(bench_city):
    with scope(municipality=bench_city):
        roles = list(StaffRole.objects.select_related("area", "user"))
    users = User.objects.filter(username__startswith=f"b{CODE}-")
    assert users.count() == 10
    assert {r.user_id for r in roles} == set(users.values_list("pk", flat=True))
    assert {r.role for r in roles} == set(Role.values)
    for r in roles:
        if r.role in (Role.COORDINATOR_L2, Role.CENTER_STAFF):
            assert r.area is not None and r.area.layer == 2
        else:
            assert r.area is None
    assert not any(u.has_usable_password() for u in users)  # no password hashing in the generator


def test_role_mix_of_two_hundred_staff_is_mostly_district_work():
    counts = role_counts(200)
    assert sum(counts.values()) == 200
    assert counts[Role.COORDINATOR_L2] + counts[Role.CENTER_STAFF] > 90
    assert 1 <= counts[Role.ADMIN] <= 3
    assert counts[Role.OFFICER] >= 10


def test_l2_coordinator_of_the_generated_city_reaches_only_their_district(bench_city):
    with scope(municipality=bench_city):
        staff_role = StaffRole.objects.filter(role=Role.COORDINATOR_L2).select_related("area", "user").first()
        own_town = staff_role.area.children.first()
        other_town = Area.objects.filter(layer=3).exclude(path__startswith=staff_role.area.path).first()
        access = Access(staff_role.user, bench_city)
        assert access.can(perms.ACTIVITIES_CHANGE, own_town)
        assert not access.can(perms.ACTIVITIES_CHANGE, other_town)


def test_everything_generated_belongs_to_the_new_municipality_only(other_city):
    with scope(municipality=other_city):
        before = (Area.objects.count(), AreaPopulation.objects.count(), StaffRole.objects.count())
    city = generate_municipality(CODE, 30, 10, seed=3)
    with scope(municipality=other_city):
        assert (Area.objects.count(), AreaPopulation.objects.count(), StaffRole.objects.count()) == before
    with scopes_disabled():
        users = User.objects.filter(username__startswith=f"b{CODE}-")
        assert set(StaffRole.objects.filter(user__in=users).values_list("municipality", flat=True)) == {
            city.pk
        }
        assert set(
            AreaPopulation.objects.filter(area__municipality=city).values_list("municipality", flat=True)
        ) == {city.pk}
        # Written through the services: each row has history with the acting officer.
        actor = User.objects.get(username=f"b{CODE}-0001")
        assert Area.history.filter(municipality=city).count() == 30
        assert set(Area.history.filter(municipality=city).values_list("history_user", flat=True)) == {
            actor.pk
        }
        assert (
            AuditEvent.objects.filter(action="core.user.created", object_repr__startswith=f"b{CODE}-").count()
            == 10
        )


def test_generator_is_deterministic_and_can_be_removed_and_rebuilt(bench_city):
    with scope(municipality=bench_city):
        first = list(Area.objects.order_by("code").values_list("code", "name", "layer"))
        first_totals = sorted(AreaPopulation.objects.values_list("total", flat=True))
    remove_municipality(CODE)
    assert not Municipality.objects.filter(code=CODE).exists()
    assert not User.objects.filter(username__startswith=f"b{CODE}-").exists()
    rebuilt = generate_municipality(CODE, 30, 10, seed=3)
    with scope(municipality=rebuilt):
        assert list(Area.objects.order_by("code").values_list("code", "name", "layer")) == first
        assert sorted(AreaPopulation.objects.values_list("total", flat=True)) == first_totals


def test_generator_refuses_a_code_that_exists(bench_city):
    with pytest.raises(ValueError, match="exists already"):
        generate_municipality(CODE, 30, 10)
