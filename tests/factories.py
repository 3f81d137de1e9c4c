"""Builders for test data that go through the same services as the app."""

import itertools

from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from sasaeai.core.models import Municipality
from sasaeai.core.services import areas as area_services
from sasaeai.core.services import staff as staff_services

_seq = itertools.count(1)


def municipality(code: str, name: str) -> Municipality:
    return Municipality.objects.create(
        code=code, name=name, prefecture="栃木県", latitude=36.38, longitude=139.73
    )


def area(municipality, name, layer, parent=None, **extra):
    with scopes_disabled():
        return area_services.create_area(
            municipality, {"name": name, "layer": layer, "parent": parent, **extra}, actor=None
        )


def user(username=None, **extra):
    username = username or f"user{next(_seq)}"
    u = get_user_model().objects.create_user(username=username, password="correct-horse-battery", **extra)
    return u


def staff(municipality, role, area=None, username=None):
    u = user(username)
    with scopes_disabled():
        staff_services.grant_role(municipality, u, role, area=area, actor=None)
    return u
