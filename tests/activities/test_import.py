"""Importing past records: the whole file or nothing, with errors by row."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from sasaeai.activities.models import ActivityRecord
from sasaeai.activities.services.imports import import_records
from sasaeai.core.tabular import read_table

GOOD = '日付,種別,地区,担当者,内容,参加者数\n2017/04/03,訪問,A-1,l2_a,サロン訪問,\n2017-07-12,consultation,本町,"l2_a、l1",相談,\n2018/03/31,第2層協議体,A,l1,第4回,15\n'


def test_a_good_file_is_imported_and_counts_in_the_report(city, cast):
    with scope(municipality=city):
        report = import_records(
            city, read_table(GOOD.encode("cp932"), "past.csv"), actor=cast.officer, commit=True
        )
        assert report.ok and report.created == 3
        records = list(ActivityRecord.objects.order_by("date"))
        assert [r.fiscal_year for r in records] == [2017, 2017, 2017]
        assert sorted(u.username for u in records[1].coordinators.all()) == ["l1", "l2_a"]
        assert records[2].participants == 15


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(city, cast):
    bad = GOOD + "2017/13/01,訪問,A-1,l2_a,,\n2017/05/01,カラオケ,A-1,l2_a,,\n"
    with scope(municipality=city):
        report = import_records(city, read_table(bad.encode(), "past.csv"), actor=cast.officer, commit=True)
        assert not report.committed
        assert [(e.row, e.field) for e in report.errors] == [(5, "date"), (6, "kind")]
        assert not ActivityRecord.objects.exists()


def test_an_area_coordinator_imports_only_rows_of_the_own_area(city, cast, client_for):
    c = client_for(cast.l2_b)
    upload = SimpleUploadedFile("past.csv", GOOD.encode())
    page = c.post(f"/m/{city.code}/activities/import/", {"file": upload})
    assert page.status_code == 200
    assert {e.field for e in page.context["report"].errors} == {"area"}


def test_preview_then_commit_through_the_page(city, cast, client_for):
    c = client_for(cast.officer)
    page = c.post(
        f"/m/{city.code}/activities/import/", {"file": SimpleUploadedFile("past.csv", GOOD.encode())}
    )
    assert page.context["report"].ok
    with scope(municipality=city):
        assert not ActivityRecord.objects.exists()  # the preview is a dry run
    done = c.post(f"/m/{city.code}/activities/import/", {"token": page.context["token"]})
    assert done.status_code == 302
    with scope(municipality=city):
        assert ActivityRecord.objects.count() == 3
        assert ActivityRecord.objects.filter(date=datetime.date(2018, 3, 31)).get().created_by == cast.officer


def test_the_empty_sheet_has_the_columns_the_import_reads(city, cast, client_for):
    response = client_for(cast.officer).get(f"/m/{city.code}/activities/import/?template=csv")
    raw = response.content
    table = read_table(raw, "template.csv")
    assert table.headers[:3] == ["日付", "種別", "地区"]
    with scope(municipality=city):
        report = import_records(city, table, actor=cast.officer, commit=False)
    assert [e.field for e in report.errors] == ["area"]  # the example row names an area of the demo city
