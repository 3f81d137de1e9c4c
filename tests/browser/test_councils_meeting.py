"""A coordinator runs a council meeting from the notice to the minutes to an action item that becomes
a resource (事業化); a council member reads it on a phone."""

import pytest
from django.utils import timezone
from django_scopes import scope

from sasaeai.activities.models import ActivityRecord
from sasaeai.councils.models import ActionItem, Meeting
from tests.councils.conftest import councils  # noqa: F401 - fixture

from .conftest import ARTIFACTS, login, screenshot

pytestmark = pytest.mark.browser


def _name(user, full_name):
    user.last_name = full_name
    user.save()


def test_a_meeting_from_notice_to_minutes_to_a_new_resource(page, live_server, city, cast, councils):  # noqa: F811
    _name(cast.officer, "田中 市子")
    today = timezone.localdate()
    login(page, "officer")
    page.goto(f"/m/{city.code}/councils/")
    screenshot(page, "councils-list")
    page.click("#council-table a:has-text('中央圏域協議体')")
    page.click("text=会議を追加")

    # 1. plan the meeting
    page.fill("#id_date", today.isoformat())
    page.fill("#id_start_time", "14:00")
    page.fill("#id_end_time", "15:30")
    page.fill("#id_place", "中央公民館 2階")
    page.select_option("#id_format", "in_person")
    page.fill("#id_notice_text", "下記のとおり開催します。")
    page.click("button:has-text('保存')")
    page.wait_for_selector("#meeting-status")
    assert "第1回" in page.locator("h1").inner_text()
    assert page.locator("#meeting-status").inner_text() == "予定"

    # 2. the agenda
    page.click("#add-agenda")
    page.select_option("#id_kind", "discussion")
    page.fill("#id_title", "買い物支援の仕組みづくり")
    page.fill("#id_presenter", "第2層SC")
    page.click("button:has-text('保存')")
    page.wait_for_selector("#agenda li")
    assert "協議" in page.locator("#agenda").inner_text()

    # 3. the notice as PDF
    notice = page.request.get(page.get_attribute("#notice-pdf", "href"))
    assert notice.ok and notice.body().startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "councils-notice.pdf").write_bytes(notice.body())
    screenshot(page, "councils-meeting-planned")

    # 4. after the meeting: held, attendance, minutes, a decision
    page.click("#edit-meeting")
    page.select_option("#id_status", "held")
    page.check("text=渡辺 和夫")
    page.fill("#id_participant_count", "12")
    page.fill(
        "#id_minutes",
        "買い物に困っている高齢者が多いとの報告があった。\n商店会と協力して送迎を試行することとした。",
    )
    page.click("button:has-text('保存')")
    page.wait_for_selector("#meeting-status")
    assert page.locator("#meeting-status").inner_text() == "開催済み"
    page.fill("#decision-form textarea", "商店会と協力して買い物送迎を試行する。")
    page.click("#decision-form button")
    page.wait_for_selector("#decisions li:has-text('買い物送迎')")
    minutes = page.request.get(page.get_attribute("#minutes-pdf", "href"))
    assert minutes.ok and minutes.body().startswith(b"%PDF")
    (ARTIFACTS / "councils-minutes.pdf").write_bytes(minutes.body())

    # 5. an action item from the agenda item
    page.click("#agenda a:has-text('取組事項を追加')")
    page.fill("#id_title", "おかいもの便の試行")
    page.fill("#id_owner", "鈴木（第2層SC）")
    page.fill("#id_due_date", today.replace(year=today.year + 1).isoformat())
    page.click("button:has-text('保存')")
    page.wait_for_selector("#actions li:has-text('おかいもの便の試行')")
    screenshot(page, "councils-meeting-held")

    # 6. 事業化: the action item becomes a resource, which shows where it was born
    page.click("#actions a:has-text('事業化')")
    assert page.input_value("#id_name") == "おかいもの便の試行"
    page.fill("#id_name", "おかいもの便")
    page.click("button:has-text('保存')")
    page.wait_for_selector("#resource-origin")
    origin = page.locator("#resource-origin").inner_text()
    assert "中央圏域協議体" in origin and "第1回" in origin and "おかいもの便の試行" in origin
    screenshot(page, "councils-resource-origin")

    with scope(municipality=city):
        meeting = Meeting.objects.get(council=councils["a"])
        action = ActionItem.objects.get(title="おかいもの便の試行")
        assert action.status == "done" and action.resource.name == "おかいもの便"
        # held: counted once in the activity report
        assert ActivityRecord.objects.filter(source_key=f"councils.meeting:{meeting.pk}").count() == 1


def test_a_council_member_reads_their_council_on_a_phone(phone, live_server, city, cast, councils):  # noqa: F811
    from sasaeai.councils.services import meetings as services

    with scope(municipality=city):
        meeting = services.create_meeting(
            councils["a"], {"date": timezone.localdate(), "place": "中央公民館"}, actor=cast.officer
        )
        services.add_agenda_item(meeting, {"title": "見守りの取組", "kind": "exchange"}, actor=cast.officer)
    login(phone, "member")
    phone.goto(f"/m/{city.code}/councils/")
    rows = phone.locator("#council-table tbody tr")
    assert rows.count() == 1
    assert "中央圏域協議体" in rows.first.inner_text()
    phone.click("#council-table a:has-text('中央圏域協議体')")
    phone.click("#upcoming-meetings a")
    assert "見守りの取組" in phone.locator("#agenda").inner_text()
    assert phone.locator("#edit-meeting").count() == 0
    screenshot(phone, "councils-member-phone")
    response = phone.goto(f"/m/{city.code}/councils/{councils['b'].pk}/")
    assert response.status == 404


def test_the_agenda_history_reads_like_the_published_table(page, live_server, city, cast, councils):  # noqa: F811
    import datetime

    from sasaeai.councils.services import meetings as services

    plan = [
        (datetime.date(2018, 7, 10), "in_person", ["生活支援体制整備事業の概要", "地域資源の把握について"]),
        (datetime.date(2019, 2, 5), "in_person", ["第2層協議体の設置について"]),
        (datetime.date(2019, 6, 20), "in_person", ["令和元年度の取組", "買い物支援の検討"]),
        (datetime.date(2020, 5, 25), "written", ["書面による意見照会", "令和2年度の事業計画"]),
        (datetime.date(2020, 11, 30), "online", ["通院送迎ボランティアの報告"]),
    ]
    with scope(municipality=city):
        for day, fmt, titles in plan:
            m = services.create_meeting(
                councils["root"], {"date": day, "format": fmt, "status": "held"}, actor=cast.officer
            )
            for title in titles:
                services.add_agenda_item(m, {"title": title, "kind": "discussion"}, actor=cast.officer)
    login(page, "officer")
    page.goto(f"/m/{city.code}/councils/{councils['root'].pk}/history/")
    headers = page.locator("#agenda-history tbody th").all_inner_texts()
    assert [h.split("\n")[0] for h in headers] == ["令和2年度", "令和元年度", "平成30年度"]
    assert "書面開催" in page.locator("#agenda-history").inner_text()
    screenshot(page, "councils-agenda-history")
    with page.expect_download() as download:
        page.click("text=Excel")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_the_member_list_prints_without_the_menu(page, live_server, city, cast, councils):  # noqa: F811
    login(page, "officer")
    page.goto(f"/m/{city.code}/councils/{councils['a'].pk}/members/print/")
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert page.locator("#members-print").is_visible()
    assert "委員長" in page.locator("#members-print tbody tr").first.inner_text()
    screenshot(page, "councils-members-print")
