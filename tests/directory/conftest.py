"""Directory test data built through the services, inside the city's scope."""

from datetime import time

import pytest
from django_scopes import scope

from sasaeai.directory import services
from sasaeai.directory.models import Category


@pytest.fixture
def directory(city):
    """The city's default categories and organisation types."""
    with scope(municipality=city):
        services.ensure_defaults(city, actor=None)
    return city


@pytest.fixture
def make_resource(directory):
    """make_resource(name, **data) → a published, active resource of the city (through the service)."""

    def make(name, *, categories=(), place=None, **data):
        with scope(municipality=directory):
            payload = {"name": name, "description": "", "status": "active", "published": True, **data}
            if categories:
                payload["categories"] = [Category.objects.get(name=c) for c in categories]
            if place is not None:
                lat, lon = place
                payload["places"] = [
                    services.create_place(
                        directory, {"name": f"{name}会場", "latitude": lat, "longitude": lon}, actor=None
                    )
                ]
            return services.create_resource(directory, payload, actor=None)

    return make


WEDNESDAY_MORNING = {"freq": "WEEKLY", "byday": "WE", "opens_at": time(10, 0), "closes_at": time(12, 0)}
