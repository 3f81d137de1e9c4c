"""The directory's demo data holds what the seeds describe."""

import pytest
from django.core.management import call_command
from django_scopes import scope

from sasaeai.core.demo import CITY
from sasaeai.core.models import Area, Municipality
from sasaeai.directory.models import Place, Resource


@pytest.fixture
def demo_city(db, tmp_path, settings):
    settings.SASAEAI_DATA_DIR = tmp_path
    call_command("demo", "--no-serve", stdout=open("/dev/null", "w"))
    return Municipality.objects.get(code=CITY["code"])


def test_the_demo_has_about_150_varied_resources_with_schedules_and_points(demo_city):
    with scope(municipality=demo_city):
        assert 140 <= Resource.objects.count() <= 170
        assert Resource.objects.filter(latitude__isnull=False).count() >= 140
        assert Resource.objects.filter(schedules__isnull=False).distinct().count() >= 140
        assert Resource.objects.values("categories__parent").distinct().count() >= 8
        assert Place.objects.filter(is_potential=True).exists()
        # Shopping support in every 2nd-layer area.
        for area in Area.objects.filter(layer=2):
            assert Resource.objects.filter(area=area, categories__name="移動販売").exists(), area.name
        schedules = {
            r.name: [str(s) for s in r.schedules.all()]
            for r in Resource.objects.prefetch_related("schedules")
        }
    assert schedules["水曜朝のふれあいサロン"] == ["毎週水曜 10:00〜12:00"]
    assert schedules["常設サロンひだまり"] == ["毎日（木曜を除く） 10:00〜16:00"]
    assert schedules["絵手紙の会「あじさい」"] == ["毎月第2・第4火曜 13:30〜15:30"]
    assert "外出を支え隊（通院送迎）" in schedules
