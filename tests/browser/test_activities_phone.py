"""A coordinator on a phone records a visit in seconds, survives a dropped connection, sees the report."""

import re

import pytest
from django.utils import timezone
from django_scopes import scope

from sasaeai.activities.models import ActivityRecord
from sasaeai.core.fiscal import era_label, fiscal_year_of
from sasaeai.core.models import Role
from tests import factories

from .conftest import login, screenshot

pytestmark = pytest.mark.browser

DETAIL = re.compile(r".*/activities/\d+/$")


@pytest.fixture
def suzuki(city):
    user = factories.staff(city, Role.COORDINATOR_L2, area=city.area_a, username="suzuki")
    user.last_name = "鈴木 花子"
    user.save()
    return user


def _visit_row(phone):
    return phone.locator('#monthly-table tr[data-kind="visit"]')


def test_a_coordinator_records_a_visit_on_a_phone_and_sees_it_in_the_report(phone, live_server, city, suzuki):
    login(phone, "suzuki")
    phone.goto(f"/m/{city.code}/activities/new/")
    # Defaults: today's date and the coordinator's own area are already filled in.
    assert phone.input_value("#id_date") == timezone.localdate().isoformat()
    assert phone.locator("#id_area option:checked").inner_text().strip() == "中央圏域"
    phone.select_option("#id_kind", label="訪問")
    phone.fill("#id_met_with", "サロン「ひだまり」世話人")
    phone.fill("#id_summary", "参加者が減っており、送迎の希望が出ている。")
    screenshot(phone, "activities-phone-entry")
    phone.click("#save-record")
    phone.wait_for_url(DETAIL)
    phone.wait_for_load_state("networkidle")
    assert "訪問" in phone.locator("h1").inner_text()
    screenshot(phone, "activities-phone-detail")

    year = fiscal_year_of(timezone.localdate())
    phone.goto(f"/m/{city.code}/activities/reports/monthly/?fiscal_year={year}")
    assert era_label(year) in phone.locator("#report-year").inner_text()
    cells = _visit_row(phone).locator("td").all_inner_texts()
    assert cells[-1] == "1"  # the total
    assert cells.count("—") == 11  # every other month prints a dash
    screenshot(phone, "activities-phone-report")
    phone.goto(f"/m/{city.code}/activities/me/")
    assert "訪問" in phone.locator("#my-week").inner_text()
    screenshot(phone, "activities-phone-my-work")


def test_an_entry_made_offline_is_kept_and_sent_when_the_connection_returns(phone, live_server, city, suzuki):
    login(phone, "suzuki")
    phone.goto(f"/m/{city.code}/activities/new/")
    phone.select_option("#id_kind", label="相談")
    phone.fill("#id_summary", "電波の届かない集会所で聞いた相談")
    phone.context.set_offline(True)
    phone.click("#save-record")
    phone.locator("#offline-note").wait_for(state="visible")
    draft = phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sasaeai:activity'))")
    assert len(draft) == 1
    assert "電波の届かない" in phone.evaluate(f"localStorage.getItem('{draft[0]}')")
    screenshot(phone, "activities-phone-offline")
    with scope(municipality=city):
        assert not ActivityRecord.objects.exists()
    phone.context.set_offline(False)
    phone.wait_for_url(DETAIL, timeout=20000)
    phone.wait_for_load_state("networkidle")
    with scope(municipality=city):
        record = ActivityRecord.objects.get()
    assert record.summary == "電波の届かない集会所で聞いた相談" and record.kind.code == "consultation"
    assert (
        phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sasaeai:activity')).length") == 0
    )


def test_a_typed_entry_survives_a_reload(phone, live_server, city, suzuki):
    login(phone, "suzuki")
    phone.goto(f"/m/{city.code}/activities/new/")
    phone.fill("#id_summary", "書きかけのメモ")
    phone.reload()
    assert phone.input_value("#id_summary") == "書きかけのメモ"
    assert phone.locator("#draft-note").is_visible()


def test_an_officer_filters_the_report_by_area_and_downloads_it(page, live_server, city, suzuki):
    import datetime

    from sasaeai.activities import services

    officer = factories.staff(city, Role.OFFICER, username="tanaka")
    with scope(municipality=city):
        for day, kind, area in [
            (datetime.date(2019, 4, 30), "visit", city.area_a1),
            (datetime.date(2019, 5, 1), "visit", city.area_a1),
            (datetime.date(2019, 5, 20), "consultation", city.area_b1),
            (datetime.date(2020, 3, 31), "workshop", city.area_a),
        ]:
            services.create_record(
                city,
                {"date": day, "kind": kind, "area": area},
                actor=suzuki if area != city.area_b1 else officer,
            )
    login(page, "tanaka")
    page.goto(f"/m/{city.code}/activities/reports/monthly/?fiscal_year=2019")
    assert "2019年度（令和元年度）" in page.locator("#report-year").inner_text()
    assert page.locator('#monthly-table tr[data-kind="consultation"] td').last.inner_text() == "1"
    page.select_option("#id_area", label="中央圏域")
    page.click("#report-filters button")
    page.wait_for_load_state("networkidle")
    assert page.locator('#monthly-table tr[data-kind="consultation"] td').last.inner_text() == "—"
    assert page.locator('#monthly-table tr[data-kind="visit"] td').all_inner_texts()[1:3] == ["1", "1"]
    screenshot(page, "activities-report-desktop")
    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename == f"monthly-{city.code}-2019.xlsx"
    page.goto(f"/m/{city.code}/activities/reports/annual/?fiscal_year=2019")
    assert page.locator("#section-comparison").is_visible()
    screenshot(page, "activities-annual-desktop")
