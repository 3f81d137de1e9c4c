"""The demo gives the demo coordinators a plausible year and more of records, once."""

import pytest
from django_scopes import scope

from sasaeai.activities import demo as activities_demo
from sasaeai.activities import services
from sasaeai.activities.models import ActivityRecord
from sasaeai.core.demo import load_demo
from sasaeai.core.fiscal import current_fiscal_year


@pytest.fixture
def demo(db):
    return load_demo()


def test_the_demo_coordinators_have_a_year_of_records_and_running_it_again_adds_nothing(demo):
    with scope(municipality=demo.municipality):
        count = ActivityRecord.objects.count()
        activities_demo.load(demo)
        assert ActivityRecord.objects.count() == count
        previous = services.monthly_report(demo.municipality, current_fiscal_year() - 1)
        suzuki = services.monthly_report(
            demo.municipality, current_fiscal_year() - 1, coordinator=demo.users["suzuki"]
        )
    totals = {r["kind"]: r["total"] for r in previous["rows"]}
    assert totals["visit"] > 300 and totals["consultation"] > 100
    assert totals["coordinator_meeting"] == 12 and totals["symposium"] == 1
    visits = next(r for r in suzuki["rows"] if r["kind"] == "visit")["months"]
    assert all(n > 0 for n in visits)  # every month of the year has visits
