"""The cast every test can use (healthchecks-style): one city with two districts, a second city,
and a user of every role, among them staff of the other city who must see nothing here."""

from types import SimpleNamespace

import pytest
from django_scopes import scope, scopes_disabled

from sasaeai.core.models import Role

from . import factories


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_and_data(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def city(db):
    m = factories.municipality("099996", "ひなた市")
    root = factories.area(m, "ひなた市全域", 1, code="ALL", latitude=36.38, longitude=139.73)
    a = factories.area(m, "中央圏域", 2, parent=root, code="A")
    b = factories.area(m, "北部圏域", 2, parent=root, code="B")
    a1 = factories.area(m, "本町", 3, parent=a, code="A-1", latitude=36.381, longitude=139.731)
    b1 = factories.area(m, "北山", 3, parent=b, code="B-1")
    m.root, m.area_a, m.area_b, m.area_a1, m.area_b1 = root, a, b, a1, b1
    return m


@pytest.fixture
def other_city(db):
    m = factories.municipality("099988", "こもれび町")
    root = factories.area(m, "こもれび町全域", 1, code="ALL")
    m.root = root
    m.area_x = factories.area(m, "本郷地区", 2, parent=root, code="X")
    return m


@pytest.fixture
def cast(city, other_city):
    """officer, l1, l2_a (area A), l2_b (area B), center_a, member, viewer, admin (superuser),
    other_officer (officer of the other city only) and nobody (no role anywhere)."""
    return SimpleNamespace(
        officer=factories.staff(city, Role.OFFICER, username="officer"),
        l1=factories.staff(city, Role.COORDINATOR_L1, username="l1"),
        l2_a=factories.staff(city, Role.COORDINATOR_L2, area=city.area_a, username="l2_a"),
        l2_b=factories.staff(city, Role.COORDINATOR_L2, area=city.area_b, username="l2_b"),
        center_a=factories.staff(city, Role.CENTER_STAFF, area=city.area_a, username="center_a"),
        member=factories.staff(city, Role.COUNCIL_MEMBER, username="member"),
        viewer=factories.staff(city, Role.VIEWER, username="viewer"),
        admin=factories.user("admin", is_superuser=True, is_staff=True),
        other_officer=factories.staff(other_city, Role.OFFICER, username="other_officer"),
        nobody=factories.user("nobody"),
    )


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user."""

    def make(user):
        from django.test import Client

        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def in_city(city):
    with scope(municipality=city):
        yield city


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield
