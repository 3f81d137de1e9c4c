"""Notices, minutes and member lists as PDF; the agenda history table and its export; the .ics calendar;
materials checked by content and served only through the permission check; snapshots frozen."""

import datetime
import io
import re
import zlib

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar

from sasaeai.councils.models import Material
from sasaeai.councils.services import followup
from sasaeai.councils.services import materials as material_services
from sasaeai.councils.services import meetings as meeting_services

from .conftest import PDF_BYTES


def _text_of_pdf(content: bytes) -> str:
    """The PDF with its compressed streams inflated, enough to find the embedded font's name."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts).decode("latin-1")


@pytest.mark.parametrize("name", ["notice_pdf", "minutes_pdf"])
def test_the_notice_and_minutes_are_pdfs_with_a_japanese_font(name, cast, client_for, city, meeting_a):
    response = client_for(cast.member).get(
        f"/m/{city.code}/councils/meetings/{meeting_a.pk}/{name.replace('_pdf', '')}.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "IPAex" in _text_of_pdf(response.content)


def test_the_member_list_pdf_is_served(cast, client_for, city, councils):
    response = client_for(cast.officer).get(f"/m/{city.code}/councils/{councils['a'].pk}/members.pdf")
    assert response.content.startswith(b"%PDF")


def test_the_agenda_history_groups_meetings_by_fiscal_year_in_the_japanese_era(
    cast, client_for, city, councils, in_city
):
    a = councils["a"]
    for day, fmt in ((datetime.date(2019, 6, 1), "in_person"), (datetime.date(2020, 5, 20), "written"),
                     (datetime.date(2020, 11, 2), "in_person")):  # fmt: skip
        m = meeting_services.create_meeting(
            a, {"date": day, "format": fmt, "status": "held"}, actor=cast.officer
        )
        meeting_services.add_agenda_item(
            m, {"kind": "discussion", "title": f"{day.year}年の議題"}, actor=cast.officer
        )
    page = client_for(cast.officer).get(f"/m/{city.code}/councils/{a.pk}/history/").content.decode()
    table = page[page.index('id="agenda-history"') :]
    assert table.index("令和2年度") < table.index("令和元年度")
    assert "書面開催" in table
    assert "2020年の議題" in table


def test_the_agenda_history_exports_to_excel_and_csv(cast, client_for, city, meeting_a, in_city):
    from sasaeai.core.models import AuditEvent

    c = client_for(cast.officer)
    url = f"/m/{city.code}/councils/{meeting_a.council_id}/history/export/"
    xlsx = c.get(url + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("年度", "年度（西暦）", "回", "開催日")
    assert rows[1][0] == "令和6年度" and rows[1][2] == "第1回" and rows[1][7] == "地域の困りごと"
    csv = c.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "令和6年度,2024,第1回,2024-06-01" in csv
    assert AuditEvent.objects.filter(action="councils.agenda_history.exported").count() == 2


def test_the_calendar_lists_upcoming_meetings_and_exports_ics(cast, client_for, city, councils, in_city):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    meeting = meeting_services.create_meeting(
        councils["a"], {"date": soon, "start_time": datetime.time(13, 30), "end_time": datetime.time(15, 0), "place": "中央公民館"},
        actor=cast.officer,
    )  # fmt: skip
    meeting_services.create_meeting(councils["b"], {"date": soon}, actor=cast.officer)
    page = client_for(cast.member).get(f"/m/{city.code}/councils/calendar/").content.decode()
    assert "中央圏域協議体" in page and "北部圏域協議体" not in page
    ics = client_for(cast.member).get(f"/m/{city.code}/councils/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["location"]) == "中央公民館"
    assert event.decoded("dtstart").hour == 13
    assert str(event["uid"]).startswith(f"councils-meeting-{meeting.pk}@")


def test_a_file_that_is_not_what_its_name_says_is_refused(in_city, cast, meeting_a):
    with pytest.raises(ValidationError) as exc:
        material_services.upload_material(
            meeting_a, b"MZ\x90\x00" + b"\x00" * 64, "議事次第.pdf", actor=cast.officer
        )
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        material_services.upload_material(meeting_a, b"#!/bin/sh\nrm -rf /\n", "run.sh", actor=cast.officer)
    with pytest.raises(ValidationError):
        material_services.upload_material(meeting_a, PDF_BYTES, "偽装.txt", actor=cast.officer)


def test_a_file_over_the_limit_is_refused(in_city, cast, meeting_a, settings):
    settings.SASAEAI_COUNCIL_MATERIAL_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        material_services.upload_material(
            meeting_a, PDF_BYTES + b"0" * 2048, "大きい.pdf", actor=cast.officer
        )
    assert "MB" in exc.value.messages[0]


def test_text_files_in_shift_jis_are_accepted(in_city, cast, meeting_a):
    material = material_services.upload_material(
        meeting_a, "出席者一覧\n".encode("cp932"), "名簿.csv", actor=cast.officer
    )
    assert material.content_type == "text/csv"


def test_uploaded_files_are_stored_under_a_random_name_and_not_served_as_media(
    cast, client_for, city, meeting_a, in_city
):
    c = client_for(cast.officer)
    upload = SimpleUploadedFile("../../../etc/資料.pdf", PDF_BYTES, content_type="application/pdf")
    c.post(
        f"/m/{city.code}/councils/meetings/{meeting_a.pk}/materials/upload/",
        {"file": upload, "title": "資料"},
    )
    material = Material.objects.get(meeting=meeting_a)
    assert ".." not in material.file.name and "資料" not in material.file.name
    assert material.file.name.startswith(f"councils/{city.code}/")
    assert c.get("/media-not-served/" + material.file.name).status_code == 404
    download = c.get(f"/m/{city.code}/councils/materials/{material.pk}/")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_rejected_upload_through_the_page_shows_a_message(cast, client_for, city, meeting_a, in_city):
    upload = SimpleUploadedFile("資料.docx", b"not really a word file", content_type="application/msword")
    response = client_for(cast.officer).post(
        f"/m/{city.code}/councils/meetings/{meeting_a.pk}/materials/upload/", {"file": upload}, follow=True
    )
    assert "ファイルの中身が拡張子と一致しません" in response.content.decode()
    assert not Material.objects.filter(meeting=meeting_a).exists()


def test_a_snapshot_is_frozen_when_taken(in_city, cast, records_a, meeting_a):
    material = material_services.take_snapshot(meeting_a, "councils.open_action_items", actor=cast.officer)
    action = followup.ActionItem.objects.get(pk=records_a["action_id"])
    followup.update_action_item(action, {"status": "done"}, actor=cast.officer)
    material.refresh_from_db()
    assert [i["title"] for i in material.snapshot_data["items"]] == ["買い物支援の試行"]


def test_the_monthly_report_snapshot_keeps_the_figures_of_its_day(in_city, cast, councils):
    held = meeting_services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 6, 1), "status": "held"}, actor=cast.officer
    )
    material = material_services.take_snapshot(held, "activities.monthly_report", actor=cast.officer)
    meeting_services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 7, 1), "status": "held"}, actor=cast.officer
    )

    def l2_total(data):
        return next(r for r in data["report"]["rows"] if r["kind"] == "council_l2")["total"]

    material.refresh_from_db()
    assert l2_total(material.snapshot_data) == 1  # the live report now says 2


def test_a_snapshot_page_shows_the_frozen_table(cast, client_for, city, records_a, meeting_a, in_city):
    material = material_services.take_snapshot(meeting_a, "councils.open_action_items", actor=cast.officer)
    page = client_for(cast.member).get(f"/m/{city.code}/councils/materials/{material.pk}/").content.decode()
    assert "時点で固定した数値です" in page
    assert "買い物支援の試行" in page


def test_snapshot_kinds_come_from_a_registry(in_city, cast, meeting_a):
    from sasaeai.councils.snapshots import _KINDS, SnapshotKind, register_snapshot

    register_snapshot(SnapshotKind("tests.answer", "答え", lambda meeting: {"answer": 42}))
    try:
        material = material_services.take_snapshot(meeting_a, "tests.answer", actor=cast.officer)
        assert material.snapshot_data == {"answer": 42}
    finally:
        _KINDS.pop("tests.answer")
    with pytest.raises(ValidationError):
        material_services.take_snapshot(meeting_a, "tests.answer", actor=cast.officer)


def test_the_ics_can_be_limited_to_one_council(cast, client_for, city, councils, in_city):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    for key in ("a", "b"):
        meeting_services.create_meeting(councils[key], {"date": soon}, actor=cast.officer)
    ics = client_for(cast.officer).get(f"/m/{city.code}/councils/calendar.ics?council={councils['b'].pk}")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics.content).walk("VEVENT")]
    assert len(summaries) == 1
    assert summaries[0].startswith("北部圏域協議体 ")


def test_a_monthly_report_taken_after_the_meeting_stops_at_the_meetings_month(in_city, cast, councils):
    june = meeting_services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 6, 1), "status": "held"}, actor=cast.officer
    )
    meeting_services.create_meeting(
        councils["a"], {"date": datetime.date(2024, 9, 1), "status": "held"}, actor=cast.officer
    )
    material = material_services.take_snapshot(june, "activities.monthly_report", actor=cast.officer)
    row = next(r for r in material.snapshot_data["report"]["rows"] if r["kind"] == "council_l2")
    assert row["months"][2] == 1 and row["months"][5] == 0  # June counted, September not yet
    assert row["total"] == 1
    assert material.snapshot_data["as_of"] == "2024-06-01"


def _material_urls(city, material):
    page = f"/m/{city.code}/councils/materials/{material.pk}/"
    api = (
        f"/api/v1/m/{city.code}/councils/{material.meeting.council_id}/meetings/{material.meeting_id}"
        f"/materials/{material.pk}/file"
    )
    return {"page": page, "api": api}


@pytest.mark.parametrize("via", ["page", "api"])
def test_a_downloaded_material_is_not_cached_and_is_audited(via, cast, client_for, city, meeting_a, in_city):
    from sasaeai.core.models import AuditEvent

    material = material_services.upload_material(meeting_a, PDF_BYTES, "資料1.pdf", actor=cast.officer)
    response = client_for(cast.member).get(_material_urls(city, material)[via])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(action="councils.material.downloaded")
    assert (event.actor, event.municipality, event.object_id) == (cast.member, city, str(material.pk))
    assert event.data["file"] == "資料1.pdf"


@pytest.mark.parametrize("via", ["page", "api"])
def test_a_refused_download_leaves_no_audit_entry(via, cast, client_for, city, meeting_a, in_city):
    from sasaeai.core.models import AuditEvent

    material = material_services.upload_material(meeting_a, PDF_BYTES, "資料1.pdf", actor=cast.officer)
    assert client_for(cast.l2_b).get(_material_urls(city, material)[via]).status_code == 404
    assert not AuditEvent.objects.filter(action="councils.material.downloaded").exists()


class _UnreadableUpload(SimpleUploadedFile):
    """An upload that says how big it is but must never be read (it would sit in memory)."""

    def read(self, *args, **kwargs):
        raise AssertionError("an oversized upload was read")


def test_an_oversized_upload_is_refused_by_its_size_before_it_is_read(in_city, cast, meeting_a, settings):
    settings.SASAEAI_COUNCIL_MATERIAL_MAX_BYTES = 1024
    upload = _UnreadableUpload("大きい.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        material_services.attach_upload(meeting_a, upload, actor=cast.officer)
    assert "file" in exc.value.message_dict
    assert not Material.objects.filter(meeting=meeting_a).exists()


@pytest.mark.parametrize("via", ["page", "api"])
def test_an_oversized_upload_is_refused_on_the_page_and_through_the_api(
    via, cast, client_for, city, meeting_a, in_city, settings
):
    settings.SASAEAI_COUNCIL_MATERIAL_MAX_BYTES = 1024
    upload = SimpleUploadedFile("大きい.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    c = client_for(cast.officer)
    if via == "page":
        response = c.post(
            f"/m/{city.code}/councils/meetings/{meeting_a.pk}/materials/upload/",
            {"file": upload},
            follow=True,
        )
        assert "ファイルが大きすぎます" in response.content.decode()
    else:
        response = c.post(
            f"/api/v1/m/{city.code}/councils/{meeting_a.council_id}/meetings/{meeting_a.pk}/materials",
            {"file": upload},
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["field"] == "file"
    assert not Material.objects.filter(meeting=meeting_a).exists()


def test_the_calendar_is_named_in_japanese_after_the_municipality(cast, client_for, city, councils):
    ics = client_for(cast.officer).get(f"/m/{city.code}/councils/calendar.ics")
    assert str(Calendar.from_ical(ics.content)["X-WR-CALNAME"]) == f"{city.name} 協議体"
