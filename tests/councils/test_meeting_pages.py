"""Meetings through the staff pages: the form numbers them, the minutes are kept, a stale edit is shown."""

import datetime

from sasaeai.councils.models import ActionItem, Meeting


def test_a_meeting_created_through_the_page_is_numbered(cast, client_for, city, councils, in_city):
    c = client_for(cast.l2_a)
    url = f"/m/{city.code}/councils/{councils['a'].pk}/meetings/new/"
    for day in ("2024-05-10", "2024-08-10"):
        response = c.post(url, {"date": day, "format": "online", "status": "planned", "place": "オンライン"})
        assert response.status_code == 302
    assert list(
        Meeting.objects.filter(council=councils["a"]).order_by("date").values_list("number", flat=True)
    ) == [1, 2]


def test_a_stale_minutes_edit_is_shown_on_the_form(cast, client_for, city, meeting_a, in_city):
    c = client_for(cast.officer)
    url = f"/m/{city.code}/councils/meetings/{meeting_a.pk}/edit/"
    data = {
        "date": "2024-06-01",
        "format": "in_person",
        "status": "held",
        "minutes": "A",
        "version": meeting_a.version,
    }
    assert c.post(url, data).status_code == 302
    response = c.post(url, {**data, "minutes": "B"})
    assert response.status_code == 200
    assert "他の人がこの記録を変更しました" in response.content.decode()
    meeting_a.refresh_from_db()
    assert meeting_a.minutes == "A"


def test_the_action_list_filters_by_status(cast, client_for, city, records_a, in_city):
    ActionItem.objects.filter(pk=records_a["action_id"]).update(status="done")
    c = client_for(cast.officer)
    url = f"/m/{city.code}/councils/{records_a['pk']}/actions/"
    assert "買い物支援の試行" not in c.get(url).content.decode()
    assert "買い物支援の試行" in c.get(url + "?status=done").content.decode()
    assert "買い物支援の試行" in c.get(url + "?status=all").content.decode()


def test_an_overdue_action_item_is_marked(cast, client_for, city, records_a, in_city):
    ActionItem.objects.filter(pk=records_a["action_id"]).update(due_date=datetime.date(2020, 1, 1))
    page = client_for(cast.officer).get(f"/m/{city.code}/councils/{records_a['pk']}/").content.decode()
    open_list = page[page.index('id="open-actions"') :]
    assert "text-danger" in open_list[: open_list.index("</ul>")]


def test_a_decision_recorded_on_the_meeting_page(cast, client_for, city, meeting_a, in_city):
    c = client_for(cast.officer)
    c.post(
        f"/m/{city.code}/councils/meetings/{meeting_a.pk}/decisions/new/", {"text": "次回は10月に開催する。"}
    )
    assert list(meeting_a.decisions.values_list("text", flat=True)) == ["次回は10月に開催する。"]
