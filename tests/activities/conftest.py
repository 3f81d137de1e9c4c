import datetime

import pytest
from django_scopes import scope

from sasaeai.activities import services


@pytest.fixture
def record_in(city):
    """record_in(date, kind_code, area=None, by=None, **more) → a record made through the service."""

    def make(date, kind="visit", area=None, by=None, **more):
        with scope(municipality=city):
            data = {"date": date, "kind": kind, "area": area, **more}
            if by is not None:
                data["coordinators"] = by if isinstance(by, list) else [by]
            return services.create_record(city, data, actor=by[0] if isinstance(by, list) else by)

    return make


@pytest.fixture
def d():
    return datetime.date
