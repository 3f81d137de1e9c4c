"""Import and export of organisations and resources: preview with Japanese row errors,
all-or-nothing, duplicates, and a round trip through .xlsx and .csv."""

import io

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from sasaeai.core.tabular import read_table
from sasaeai.directory.models import Organization, Resource
from sasaeai.directory.services import transfer

ORG_CSV = "名称,ふりがな,種別,地区,電話\n本町自治会,ほんちょうじちかい,自治会・町会,A-1,0285-11-1111\nひなたNPO,,NPO法人,,\n"
RES_CSV = (
    "名称,団体,地区,カテゴリ,状態,公開,場所,緯度,経度,頻度,曜日,開始時刻,終了時刻,費用\n"
    "水曜サロン,本町自治会,A-1,定期型サロン,活動中,はい,本町集会所,36.381,139.731,毎週,水,10:00,12:00,100円\n"
    "絵手紙の会,,A,絵手紙・手芸,活動中,はい,本町集会所,,,,第2・第4火,13:30,15:30,\n"
)


def table(text: str, name="file.csv"):
    return read_table(text.encode("cp932") if name.endswith(".csv") else text, name)


def test_organisations_and_resources_import_through_the_services(directory, cast):
    with scope(municipality=directory):
        report = transfer.import_organizations(directory, table(ORG_CSV), actor=cast.officer, commit=True)
        assert report.ok and report.created == 2
        assert Organization.objects.get(name="ひなたNPO").sector == "diverse"
        report = transfer.import_resources(directory, table(RES_CSV), actor=cast.officer, commit=True)
        assert report.ok, report.errors
        salon = Resource.objects.get(name="水曜サロン")
        assert salon.organization.name == "本町自治会" and salon.published
        assert str(salon.schedules.get()) == "毎週水曜 10:00〜12:00"
        assert Resource.objects.get(name="絵手紙の会").schedules.get().byday == "2TU,4TU"
        # One place, shared by both rows.
        assert salon.places.get() == Resource.objects.get(name="絵手紙の会").places.get()
        assert salon.history.first().history_user == cast.officer


def test_a_preview_saves_nothing(directory, cast):
    with scope(municipality=directory):
        report = transfer.import_organizations(directory, table(ORG_CSV), actor=cast.officer, commit=False)
        assert report.ok and report.created == 2
        assert not Organization.objects.exists()


def test_one_bad_row_stops_the_whole_file_with_japanese_row_errors(directory, cast):
    bad = (
        "名称,地区,カテゴリ,状態,曜日,開始時刻,定員\n"
        "よい行,A,,活動中,水,10:00,\n"
        "悪い行,Z,存在しない,たぶん,八,25:00,たくさん\n"
    )
    with scope(municipality=directory):
        report = transfer.import_resources(directory, table(bad), actor=cast.officer, commit=True)
        assert not report.committed
        assert not Resource.objects.exists()
    assert {e.row for e in report.errors} == {3}
    messages = " ".join(e.message for e in report.errors)
    assert "カテゴリ「存在しない」がありません。" in messages


def test_duplicates_in_one_file_are_reported_and_existing_records_are_updated(directory, cast, make_resource):
    make_resource("水曜サロン", cost="100円")
    rows = "名称,費用\n水曜サロン,200円\nすいようサロン,0円\nｽｲﾖｳサロン,0円\n"
    with scope(municipality=directory):
        report = transfer.import_resources(directory, table(rows), actor=cast.officer, commit=True)
        assert [(e.row, e.field) for e in report.errors] == [(4, "name")]
        assert "3行目と重複" in report.errors[0].message
        report = transfer.import_resources(
            directory, table("名称,費用\n水曜サロン,200円\n"), actor=cast.officer, commit=True
        )
        assert report.updated == 1 and report.created == 0
        assert Resource.objects.get().cost == "200円"


def test_the_japanese_day_notation_becomes_rfc_5545():
    assert transfer.parse_days("水") == "WE"
    assert transfer.parse_days("月・水・金") == "MO,WE,FR"
    assert transfer.parse_days("第2・第4火") == "2TU,4TU"
    assert transfer.parse_days("最終金曜日") == "-1FR"
    assert transfer.parse_days("2TU,4TU") == "2TU,4TU"


def test_an_export_imports_back_unchanged(directory, cast):
    with scope(municipality=directory):
        transfer.import_organizations(directory, table(ORG_CSV), actor=cast.officer, commit=True)
        transfer.import_resources(directory, table(RES_CSV), actor=cast.officer, commit=True)
        exported = transfer.export_resources(directory)
        before = sorted(tuple(map(str, row)) for row in exported)
        report = transfer.import_resources(
            directory, read_table(exported.export("xlsx"), "x.xlsx"), actor=cast.officer, commit=True
        )
        assert report.ok and report.updated == 2 and report.created == 0
        after = sorted(tuple(map(str, row)) for row in transfer.export_resources(directory))
    assert before == after


def test_the_import_page_previews_then_commits_and_is_audited(directory, cast, client_for, city):
    c = client_for(cast.officer)
    upload = SimpleUploadedFile("団体.csv", ORG_CSV.encode("utf-8"), content_type="text/csv")
    preview = c.post(f"/m/{city.code}/directory/import/", {"kind": "organizations", "file": upload})
    assert preview.status_code == 200 and "confirm-import" in preview.content.decode()
    token = preview.context["token"]
    done = c.post(
        f"/m/{city.code}/directory/import/", {"kind": "organizations", "token": token, "action": "commit"}
    )
    assert done.status_code == 302
    with scope(municipality=city):
        assert Organization.objects.count() == 2
        from sasaeai.core.models import AuditEvent

        assert AuditEvent.objects.filter(action="directory.organizations.imported").exists()


def test_area_coordinators_cannot_import_for_the_whole_municipality(directory, cast, client_for, city):
    assert client_for(cast.l2_a).get(f"/m/{city.code}/directory/import/").status_code == 403


def test_exports_download_as_xlsx_and_csv(make_resource, cast, client_for, city):
    make_resource("水曜サロン", schedules=[{"freq": "WEEKLY", "byday": "WE"}])
    c = client_for(cast.viewer)
    xlsx = c.get(f"/m/{city.code}/directory/export/", {"kind": "resources", "format": "xlsx"})
    data = tablib.Dataset().load(io.BytesIO(xlsx.content), format="xlsx")
    assert data[0][0] == "水曜サロン" and "曜日" in data.headers
    csv = c.get(f"/m/{city.code}/directory/export/", {"kind": "organizations", "format": "csv"})
    assert csv.content.decode("utf-8-sig").startswith("名称,ふりがな")


def test_columns_with_unknown_headers_can_be_mapped_before_the_import(directory, cast, client_for, city):
    c = client_for(cast.officer)
    csv_text = "団体の名前,TEL,メモ欄\n本町自治会,0285-11-1111,内部\n"
    upload = SimpleUploadedFile("団体.csv", csv_text.encode("cp932"), content_type="text/csv")
    preview = c.post(f"/m/{city.code}/directory/import/", {"kind": "organizations", "file": upload})
    assert "ファイルに名称の列（名称）がありません。" in preview.content.decode()
    assert "confirm-import" not in preview.content.decode()
    token = preview.context["token"]
    mapped = {"kind": "organizations", "token": token, "map-0": "name", "map-1": "phone", "map-2": ""}
    again = c.post(f"/m/{city.code}/directory/import/", {**mapped, "action": "preview"})
    assert "confirm-import" in again.content.decode()
    with scope(municipality=city):
        assert not Organization.objects.exists()
    assert c.post(f"/m/{city.code}/directory/import/", {**mapped, "action": "commit"}).status_code == 302
    with scope(municipality=city):
        org = Organization.objects.get()
        assert (org.name, org.phone, org.notes) == ("本町自治会", "0285-11-1111", "")
