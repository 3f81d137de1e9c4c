"""Members: a person, the organisation they represent, a role and a term; a login makes them see the council."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sasaeai.councils.services import councils as services
from sasaeai.councils.services import meetings as meeting_services


def test_a_member_can_point_to_an_organisation_of_the_directory(in_city, cast, councils):
    from sasaeai.directory.services import create_organization

    org = create_organization(in_city, {"name": "ひなた市老人クラブ連合会"}, actor=cast.officer)
    member = services.add_member(councils["a"], {"name": "青木 一", "organization": org}, actor=cast.officer)
    assert member.organisation == "ひなた市老人クラブ連合会"


def test_a_login_must_belong_to_staff_of_the_municipality(in_city, cast, councils):
    with pytest.raises(ValidationError) as exc:
        services.add_member(
            councils["b"], {"name": "外部の人", "user": cast.other_officer}, actor=cast.officer
        )
    assert "user" in exc.value.message_dict


def test_the_same_login_cannot_sit_twice_on_one_council(in_city, cast, councils):
    with pytest.raises(ValidationError):
        services.add_member(
            councils["a"], {"name": "渡辺 和夫（重複）", "user": cast.member}, actor=cast.officer
        )


def test_a_term_cannot_end_before_it_starts(in_city, cast, councils):
    with pytest.raises(ValidationError) as exc:
        services.add_member(
            councils["a"], {"name": "任期 逆転", "term_from": datetime.date(2025, 4, 1), "term_to": datetime.date(2024, 3, 31)},
            actor=cast.officer,
        )  # fmt: skip
    assert "term_to" in exc.value.message_dict


def test_the_printable_list_shows_current_members_unless_asked_for_all(
    cast, client_for, city, councils, in_city
):
    services.add_member(
        councils["a"], {"name": "前任 委員", "term_from": datetime.date(2020, 4, 1), "term_to": datetime.date(2022, 3, 31)},
        actor=cast.officer,
    )  # fmt: skip
    c = client_for(cast.officer)
    url = f"/m/{city.code}/councils/{councils['a'].pk}/members/print/"
    assert "前任 委員" not in c.get(url).content.decode()
    assert "前任 委員" in c.get(url + "?all=1").content.decode()


def test_a_member_added_through_the_page_appears_on_the_council(cast, client_for, city, councils):
    c = client_for(cast.l2_a)
    response = c.post(
        f"/m/{city.code}/councils/{councils['a'].pk}/members/new/",
        {
            "name": "新井 花",
            "reading": "あらい はな",
            "organisation": "本町自治会",
            "role": "vice_chair",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    page = c.get(f"/m/{city.code}/councils/{councils['a'].pk}/").content.decode()
    assert "新井 花" in page and "副委員長" in page


def test_a_council_members_dashboard_shows_only_their_councils_meetings(
    cast, client_for, city, councils, in_city
):
    soon = datetime.date.today() + datetime.timedelta(days=7)
    meeting_services.create_meeting(councils["a"], {"date": soon}, actor=cast.officer)
    meeting_services.create_meeting(councils["b"], {"date": soon}, actor=cast.officer)
    page = client_for(cast.member).get(f"/m/{city.code}/").content.decode()
    panel = page[page.index('id="councils-panel"') :]
    assert "中央圏域協議体" in panel
    assert "北部圏域協議体" not in panel
