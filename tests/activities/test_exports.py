"""The downloads carry the same numbers as the page: .xlsx (formatted), .csv and PDF."""

import csv
import datetime
import io
import subprocess

from openpyxl import load_workbook

from sasaeai.core.models import AuditEvent


def test_the_monthly_workbook_holds_the_counts_and_prints_zero_as_a_dash(city, cast, client_for, record_in):
    record_in(datetime.date(2017, 4, 3), "visit", city.area_a1, cast.l2_a)
    record_in(datetime.date(2018, 3, 30), "visit", city.area_a1, cast.l2_a)
    response = client_for(cast.officer).get(
        f"/m/{city.code}/activities/reports/monthly/?fiscal_year=2017&format=xlsx"
    )
    assert response.status_code == 200
    assert "monthly-099996-2017.xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert "平成29年度" in ws["A1"].value
    assert [c.value for c in ws[3]][:4] == ["種別", "単位", "4月", "5月"]
    visit = [c.value for c in ws[4]]
    assert visit[:3] == ["訪問", "件", 1] and visit[-1] == 2 and visit[-2] == 1
    assert ws["D4"].number_format.endswith('"—"')
    assert ws.page_setup.orientation == "landscape"
    with __import__("django_scopes").scopes_disabled():
        assert AuditEvent.objects.filter(action="activities.report.exported").count() == 1


def test_the_monthly_csv_has_twelve_months_and_a_total(city, cast, client_for, record_in):
    record_in(datetime.date(2017, 12, 3), "workshop", city.area_a, cast.l2_a)
    response = client_for(cast.viewer).get(
        f"/m/{city.code}/activities/reports/monthly/?fiscal_year=2017&format=csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][3:] == [
        "4月",
        "5月",
        "6月",
        "7月",
        "8月",
        "9月",
        "10月",
        "11月",
        "12月",
        "1月",
        "2月",
        "3月",
        "合計",
    ]
    workshop = next(r for r in rows if r[0] == "workshop")
    assert workshop[11] == "1" and workshop[-1] == "1"


def test_the_pdfs_are_set_in_ipaex_gothic_with_the_numbers(city, cast, client_for, record_in, tmp_path):
    record_in(datetime.date(2017, 12, 3), "workshop", city.area_a, cast.l2_a)
    c = client_for(cast.officer)
    for path in ("monthly", "annual"):
        response = c.get(f"/m/{city.code}/activities/reports/{path}/?fiscal_year=2017&format=pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        pdf = tmp_path / f"{path}.pdf"
        pdf.write_bytes(response.content)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "IPAexGothic" in fonts
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "平成29年度" in text and "ワークショップ・勉強会" in text


def test_the_annual_workbook_has_the_sections(city, cast, client_for, record_in):
    record_in(datetime.date(2017, 12, 3), "council_l1", None, cast.l1)
    response = client_for(cast.officer).get(
        f"/m/{city.code}/activities/reports/annual/?fiscal_year=2017&format=xlsx"
    )
    values = [
        c.value
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
        for c in row
        if c.value
    ]
    assert "前年度との比較" in values and "協議体の開催" in values


def test_the_report_page_prints_a_dash_for_zero_and_both_calendars(city, cast, client_for, record_in):
    record_in(datetime.date(2019, 5, 1), "visit", city.area_a1, cast.l2_a)
    body = (
        client_for(cast.l2_a)
        .get(f"/m/{city.code}/activities/reports/monthly/?fiscal_year=2019")
        .content.decode()
    )
    assert "2019年度（令和元年度）" in body
    assert '<td class="text-end">—</td>' in body


def test_an_unknown_format_is_404(city, cast, client_for):
    assert (
        client_for(cast.officer).get(f"/m/{city.code}/activities/reports/monthly/?format=docx").status_code
        == 404
    )
