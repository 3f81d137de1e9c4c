"""Councils of the test city: a 1st-layer council and one 2nd-layer council in each district."""

import datetime

import pytest
from django_scopes import scope

from sasaeai.councils.services import councils as council_services
from sasaeai.councils.services import meetings as meeting_services


@pytest.fixture
def councils(city, cast):
    """root (layer 1, with an advisor team), a (area A, the council member sits here), b (area B)."""
    with scope(municipality=city):
        root = council_services.create_council(
            city, {"name": "ひなた市生活支援推進会議", "layer": 1, "area": city.root, "secretariat": "高齢福祉課"},
            actor=cast.officer,
        )  # fmt: skip
        council_services.add_body(
            root, {"name": "アドバイザーチーム", "relation": "reports_to"}, actor=cast.officer
        )
        a = council_services.create_council(
            city, {"name": "中央圏域協議体", "layer": 2, "area": city.area_a}, actor=cast.officer
        )
        b = council_services.create_council(
            city, {"name": "北部圏域協議体", "layer": 2, "area": city.area_b}, actor=cast.officer
        )
        council_services.add_member(
            a, {"name": "渡辺 和夫", "reading": "わたなべ かずお", "organisation": "老人クラブ連合会", "role": "chair", "user": cast.member},
            actor=cast.officer,
        )  # fmt: skip
        council_services.add_member(a, {"name": "佐々木 陽子", "role": "member"}, actor=cast.officer)
    return {"root": root, "a": a, "b": b}


@pytest.fixture
def meeting_a(city, cast, councils):
    with scope(municipality=city):
        meeting = meeting_services.create_meeting(
            councils["a"], {"date": datetime.date(2024, 6, 1), "format": "in_person", "status": "planned", "place": "中央公民館"},
            actor=cast.officer,
        )  # fmt: skip
        meeting_services.add_agenda_item(
            meeting, {"kind": "report", "title": "地域の困りごと"}, actor=cast.officer
        )
    return meeting


@pytest.fixture
def meeting_b(city, cast, councils):
    with scope(municipality=city):
        return meeting_services.create_meeting(
            councils["b"],
            {"date": datetime.date(2024, 7, 1), "format": "online", "status": "planned"},
            actor=cast.officer,
        )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def records_a(city, cast, councils, meeting_a):
    """One of everything hanging off council A, for URL matrices."""
    from sasaeai.councils.services import followup
    from sasaeai.councils.services import materials as material_services

    with scope(municipality=city):
        a = councils["a"]
        item = meeting_a.agenda_items.first()
        decision = meeting_services.add_decision(
            meeting_a, {"text": "買い物支援を検討する"}, actor=cast.officer
        )
        action = followup.create_action_item(
            a,
            {"title": "買い物支援の試行", "owner": "鈴木", "meeting": meeting_a, "agenda_item": item},
            actor=cast.officer,
        )
        material = material_services.upload_material(meeting_a, PDF_BYTES, "資料1.pdf", actor=cast.officer)
        body = council_services.add_body(
            a, {"name": "地区社協", "relation": "cooperates"}, actor=cast.officer
        )
        member = a.members.get(name="佐々木 陽子")
    return {
        "pk": a.pk, "meeting_id": meeting_a.pk, "item_id": item.pk, "decision_id": decision.pk,
        "action_id": action.pk, "material_id": material.pk, "body_id": body.pk, "member_id": member.pk,
    }  # fmt: skip
