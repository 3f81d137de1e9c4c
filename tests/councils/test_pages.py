"""Every councils page, for every role: works, 403 without the capability, 404 outside one's councils."""

import re

import pytest
from django.urls import get_resolver, reverse

READ = {
    "council_list", "calendar", "calendar_ics", "council_detail", "members_print", "members_pdf", "agenda_history",
    "agenda_history_export", "action_list", "meeting_detail", "notice_pdf", "minutes_pdf", "material_view",
}  # fmt: skip
CHANGE_GET = {
    "council_create", "council_edit", "member_create", "member_edit", "body_create", "action_create", "action_edit",
    "meeting_create", "meeting_edit", "agenda_create", "agenda_edit", "action_to_resource", "decision_to_resource",
}  # fmt: skip
CHANGE_POST = {
    "council_delete", "member_delete", "body_delete", "meeting_delete", "agenda_delete", "decision_create",
    "decision_delete", "material_upload", "snapshot_create", "material_delete",
}  # fmt: skip
NOT_TIED_TO_A_COUNCIL = {"council_list", "calendar", "calendar_ics", "council_create"}


def councils_url_names():
    resolver = get_resolver().namespace_dict["councils"][1]
    return {p.name for p in resolver.url_patterns}


def test_every_councils_url_is_in_the_permission_tables():
    assert councils_url_names() == READ | CHANGE_GET | CHANGE_POST


def url_for(name, ids, code):
    pattern = next(p for p in get_resolver().namespace_dict["councils"][1].url_patterns if p.name == name)
    params = re.findall(r"<int:(\w+)>", str(pattern.pattern))
    return reverse(f"councils:{name}", kwargs={"code": code, **{k: ids[k] for k in params}})


@pytest.mark.parametrize("name", sorted(READ))
@pytest.mark.parametrize("role", ["officer", "l1", "l2_a", "center_a", "viewer", "member"])
def test_everyone_who_reaches_council_a_can_read_its_pages(name, role, cast, client_for, city, records_a):
    response = client_for(getattr(cast, role)).get(url_for(name, records_a, city.code))
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("name", sorted(READ - NOT_TIED_TO_A_COUNCIL))
@pytest.mark.parametrize("role", ["l2_b"])
def test_a_coordinator_of_another_district_gets_404_on_council_a(
    name, role, cast, client_for, city, records_a
):
    assert client_for(getattr(cast, role)).get(url_for(name, records_a, city.code)).status_code == 404


@pytest.mark.parametrize("name", sorted(CHANGE_GET))
def test_the_officer_can_open_every_edit_page(name, cast, client_for, city, records_a):
    assert client_for(cast.officer).get(url_for(name, records_a, city.code)).status_code == 200


@pytest.mark.parametrize("name", sorted(CHANGE_GET | CHANGE_POST))
@pytest.mark.parametrize("role", ["viewer", "member"])
def test_roles_without_councils_change_get_403_on_every_change(name, role, cast, client_for, city, records_a):
    c = client_for(getattr(cast, role))
    url = url_for(name, records_a, city.code)
    response = c.post(url) if name in CHANGE_POST else c.get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("name", sorted((CHANGE_GET | CHANGE_POST) - NOT_TIED_TO_A_COUNCIL))
def test_a_coordinator_cannot_change_another_districts_council(name, cast, client_for, city, records_a):
    c = client_for(cast.l2_b)
    url = url_for(name, records_a, city.code)
    response = c.post(url) if name in CHANGE_POST else c.get(url)
    assert response.status_code == 404


def test_a_council_member_sees_only_the_councils_they_sit_on(cast, client_for, city, councils):
    page = client_for(cast.member).get(f"/m/{city.code}/councils/").content.decode()
    assert "中央圏域協議体" in page
    assert "北部圏域協議体" not in page
    assert "ひなた市生活支援推進会議" not in page


def test_a_council_member_cannot_open_another_council(cast, client_for, city, councils, meeting_b):
    c = client_for(cast.member)
    assert c.get(f"/m/{city.code}/councils/{councils['b'].pk}/").status_code == 404
    assert c.get(f"/m/{city.code}/councils/meetings/{meeting_b.pk}/").status_code == 404
    assert c.get(f"/m/{city.code}/councils/{councils['root'].pk}/history/").status_code == 404


def test_an_area_coordinator_lists_only_the_councils_of_their_district(cast, client_for, city, councils):
    page = client_for(cast.l2_b).get(f"/m/{city.code}/councils/").content.decode()
    assert "北部圏域協議体" in page
    assert "中央圏域協議体" not in page


def test_a_coordinator_cannot_create_a_council_outside_their_district(
    cast, client_for, city, councils, in_city
):
    from sasaeai.councils.models import Council

    response = client_for(cast.l2_b).post(
        f"/m/{city.code}/councils/new/", {"name": "乗っ取り協議体", "layer": 2, "area": city.area_a.pk}
    )
    assert response.status_code == 200
    assert "この圏域には協議体を作成できません" in response.content.decode()
    assert not Council.objects.filter(name="乗っ取り協議体").exists()


def test_the_council_page_shows_members_bodies_and_history(cast, client_for, city, councils):
    page = client_for(cast.officer).get(f"/m/{city.code}/councils/{councils['root'].pk}/").content.decode()
    assert "アドバイザーチーム" in page
    assert "協議体の報告を受ける" in page
    assert 'id="history"' in page


def test_the_printable_member_list_puts_the_chair_first(cast, client_for, city, councils, in_city):
    from sasaeai.councils.services import councils as services

    services.add_member(councils["a"], {"name": "青木 一", "role": "vice_chair"}, actor=cast.officer)
    page = (
        client_for(cast.officer)
        .get(f"/m/{city.code}/councils/{councils['a'].pk}/members/print/")
        .content.decode()
    )
    table = page[page.index('id="members-print"') :]
    assert table.index("委員長") < table.index("副委員長") < table.index("佐々木 陽子")


def test_the_staff_menu_shows_councils_to_council_members(cast, client_for, city):
    page = client_for(cast.member).get(f"/m/{city.code}/").content.decode()
    assert f'href="/m/{city.code}/councils/"' in page


def test_a_member_whose_term_has_ended_no_longer_sees_the_council(cast, client_for, city, councils, in_city):
    import datetime

    seat = councils["a"].members.get(user=cast.member)
    seat.term_to = datetime.date(2020, 3, 31)
    seat.save()
    assert client_for(cast.member).get(f"/m/{city.code}/councils/{councils['a'].pk}/").status_code == 404
