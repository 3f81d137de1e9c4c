"""The councils API: the stable contract, the same permissions as the pages, Japanese errors."""

import datetime

import pytest

from sasaeai.councils.models import Meeting


def api(city, path=""):
    return f"/api/v1/m/{city.code}/councils{path}"


def test_the_council_list_has_the_stable_shape(cast, client_for, city, councils):
    body = client_for(cast.officer).get(api(city)).json()
    assert body["count"] == 3
    first = body["items"][0]
    assert {"id", "name", "layer", "area"} <= set(first)
    assert (first["name"], first["layer"], first["area"]) == ("ひなた市生活支援推進会議", 1, city.root.pk)


def test_a_council_member_lists_only_their_council(cast, client_for, city, councils):
    body = client_for(cast.member).get(api(city)).json()
    assert [c["name"] for c in body["items"]] == ["中央圏域協議体"]


def test_an_area_coordinator_lists_only_councils_of_their_district(cast, client_for, city, councils):
    body = client_for(cast.l2_b).get(api(city)).json()
    assert [c["name"] for c in body["items"]] == ["北部圏域協議体"]


def test_creating_a_meeting_assigns_fiscal_year_and_number(cast, client_for, city, councils):
    c = client_for(cast.officer)
    url = api(city, f"/{councils['a'].pk}/meetings")
    first = c.post(
        url,
        {"date": "2024-06-01", "format": "in_person", "status": "planned"},
        content_type="application/json",
    )
    second = c.post(
        url, {"date": "2025-02-01", "format": "written", "status": "held"}, content_type="application/json"
    )
    third = c.post(
        url, {"date": "2025-04-01", "format": "online", "status": "planned"}, content_type="application/json"
    )
    assert first.status_code == 201, first.content
    assert [(r.json()["fiscal_year"], r.json()["number"]) for r in (first, second, third)] == [
        (2024, 1), (2024, 2), (2025, 1),
    ]  # fmt: skip
    assert "id" in first.json()
    listed = c.get(url + "?fiscal_year=2024").json()
    assert listed["count"] == 2
    assert [m["number"] for m in listed["items"]] == [1, 2]


def test_a_bad_meeting_is_refused_with_japanese_messages(cast, client_for, city, councils):
    url = api(city, f"/{councils['a'].pk}/meetings")
    response = client_for(cast.officer).post(
        url, {"date": "2024-13-01", "format": "zoom"}, content_type="application/json"
    )
    assert response.status_code == 422
    fields = {d["field"]: d["msg"] for d in response.json()["detail"]}
    assert {"date", "format"} <= set(fields)
    assert all(not m.isascii() for m in fields.values())  # the messages are Japanese


def test_a_stale_meeting_edit_answers_409(cast, client_for, city, meeting_a):
    c = client_for(cast.officer)
    url = api(city, f"/{meeting_a.council_id}/meetings/{meeting_a.pk}")
    assert (
        c.patch(url, {"minutes": "一回目", "version": 1}, content_type="application/json").status_code == 200
    )
    assert (
        c.patch(url, {"minutes": "二回目", "version": 1}, content_type="application/json").status_code == 409
    )


def test_agenda_and_action_items_live_under_the_meeting(cast, client_for, city, meeting_a):
    c = client_for(cast.officer)
    base = api(city, f"/{meeting_a.council_id}/meetings/{meeting_a.pk}")
    item = c.post(
        base + "/agenda-items",
        {"kind": "discussion", "title": "移動支援", "presenter": "事務局"},
        content_type="application/json",
    )
    assert item.status_code == 201
    assert item.json()["order"] == 2
    action = c.post(
        base + "/action-items", {"title": "送迎ボランティアの募集", "owner": "社協", "due_date": "2024-09-30", "agenda_item": item.json()["id"]},
        content_type="application/json",
    )  # fmt: skip
    assert action.status_code == 201
    assert action.json()["meeting"] == meeting_a.pk
    detail = c.get(base).json()
    assert [a["title"] for a in detail["agenda_items"]] == ["地域の困りごと", "移動支援"]
    assert [a["title"] for a in c.get(base + "/action-items").json()] == ["送迎ボランティアの募集"]


def test_action_items_stay_open_across_meetings_until_done(cast, client_for, city, meeting_a):
    c = client_for(cast.officer)
    council_id = meeting_a.council_id
    base = api(city, f"/{council_id}/meetings/{meeting_a.pk}/action-items")
    action = c.post(base, {"title": "サロン立ち上げ"}, content_type="application/json").json()
    c.post(api(city, f"/{council_id}/meetings"), {"date": "2024-09-01"}, content_type="application/json")
    open_items = c.get(api(city, f"/{council_id}/action-items?status=open")).json()
    assert [a["title"] for a in open_items["items"]] == ["サロン立ち上げ"]
    done = c.patch(
        api(city, f"/{council_id}/action-items/{action['id']}"),
        {"status": "done"},
        content_type="application/json",
    )
    assert done.json()["closed_on"] is not None
    assert c.get(api(city, f"/{council_id}/action-items?status=open")).json()["count"] == 0
    assert c.get(api(city, f"/{council_id}/action-items?status=done")).json()["count"] == 1


def test_a_council_member_can_read_but_not_write(cast, client_for, city, meeting_a):
    c = client_for(cast.member)
    base = api(city, f"/{meeting_a.council_id}/meetings")
    assert c.get(base).status_code == 200
    assert c.get(f"{base}/{meeting_a.pk}").status_code == 200
    assert c.post(base, {"date": "2024-06-01"}, content_type="application/json").status_code == 403


def test_a_council_member_gets_404_for_another_council(cast, client_for, city, councils, meeting_b):
    c = client_for(cast.member)
    assert c.get(api(city, f"/{councils['b'].pk}")).status_code == 404
    assert c.get(api(city, f"/{councils['b'].pk}/meetings")).status_code == 404
    assert c.get(api(city, f"/{councils['b'].pk}/meetings/{meeting_b.pk}")).status_code == 404


def test_a_meeting_cannot_be_read_through_another_councils_url(cast, client_for, city, councils, meeting_b):
    assert (
        client_for(cast.officer).get(api(city, f"/{councils['a'].pk}/meetings/{meeting_b.pk}")).status_code
        == 404
    )


@pytest.mark.parametrize("role,status", [("viewer", 403), ("l2_b", 404), ("member", 403), ("l2_a", 201)])
def test_who_may_add_a_meeting_to_council_a(role, status, cast, client_for, city, councils):
    response = client_for(getattr(cast, role)).post(
        api(city, f"/{councils['a'].pk}/meetings"), {"date": "2024-06-01"}, content_type="application/json"
    )
    assert response.status_code == status


def test_a_coordinator_cannot_create_a_council_outside_their_district(cast, client_for, city):
    c = client_for(cast.l2_b)
    response = c.post(
        api(city), {"name": "越境", "layer": 2, "area": city.area_a.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    ok = c.post(
        api(city),
        {"name": "北部第2協議体", "layer": 2, "area": city.area_b.pk},
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_the_layer_of_a_council_must_match_its_area(cast, client_for, city):
    response = client_for(cast.officer).post(
        api(city),
        {"name": "ずれた協議体", "layer": 1, "area": city.area_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "area"


def test_members_and_agenda_history_are_in_the_api(cast, client_for, city, councils, meeting_a, in_city):
    c = client_for(cast.officer)
    members = c.get(api(city, f"/{councils['a'].pk}/members")).json()
    assert [m["role"] for m in members] == ["chair", "member"]
    history = c.get(api(city, f"/{councils['a'].pk}/agenda-history")).json()
    assert history[0]["label"] == "令和6年度"
    assert history[0]["meetings"][0]["agenda_items"][0]["title"] == "地域の困りごと"


def test_the_councils_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/m/{code}/councils" in paths
    assert "post" in paths["/api/v1/m/{code}/councils/{council_id}/meetings"]
    params = paths["/api/v1/m/{code}/councils"]["get"]["parameters"]
    assert {"in": "path", "name": "code"}.items() <= next(p for p in params if p["name"] == "code").items()


def test_an_uploaded_file_goes_through_the_same_checks(cast, client_for, city, meeting_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(cast.officer)
    url = api(city, f"/{meeting_a.council_id}/meetings/{meeting_a.pk}/materials")
    fake = SimpleUploadedFile("資料.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert c.post(url, {"file": fake}).status_code == 422
    real = SimpleUploadedFile("資料.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    created = c.post(url, {"file": real, "title": "説明資料"})
    assert created.status_code == 201
    download = client_for(cast.member).get(f"{url}/{created.json()['id']}/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(cast.l2_b).get(f"{url}/{created.json()['id']}/file").status_code == 404


def test_meetings_sorted_by_date_in_the_list(cast, client_for, city, councils, in_city):
    from sasaeai.councils.services import meetings as services

    for day in (datetime.date(2024, 9, 1), datetime.date(2024, 5, 1)):
        services.create_meeting(councils["b"], {"date": day}, actor=cast.officer)
    body = client_for(cast.officer).get(api(city, f"/{councils['b'].pk}/meetings")).json()
    assert [m["date"] for m in body["items"]] == ["2024-05-01", "2024-09-01"]
    assert Meeting.objects.get(date=datetime.date(2024, 5, 1)).number == 2


def test_members_bodies_and_snapshots_through_the_api(cast, client_for, city, councils, meeting_a):
    c = client_for(cast.officer)
    a = councils["a"].pk
    member = c.get(api(city, f"/{a}/members")).json()[1]
    changed = c.patch(
        api(city, f"/{a}/members/{member['id']}"),
        {"role": "vice_chair", "version": member["version"]},
        content_type="application/json",
    )
    assert changed.json()["role"] == "vice_chair"
    body = c.post(
        api(city, f"/{a}/bodies"),
        {"name": "地区社協", "relation": "cooperates"},
        content_type="application/json",
    )
    assert body.status_code == 201
    assert [b["name"] for b in c.get(api(city, f"/{a}/bodies")).json()] == ["地区社協"]
    kinds = {k["code"] for k in c.get(f"/api/v1/m/{city.code}/council-snapshot-kinds").json()}
    assert {"activities.monthly_report", "councils.open_action_items"} <= kinds
    snap = c.post(
        api(city, f"/{a}/meetings/{meeting_a.pk}/snapshots"), {"snapshot_kind": "activities.monthly_report"},
        content_type="application/json",
    )  # fmt: skip
    assert snap.status_code == 201
    assert snap.json()["snapshot_data"]["report"]["fiscal_year"] == 2024


def test_removals_through_the_api_need_councils_change(cast, client_for, city, records_a):
    a, m = records_a["pk"], records_a["meeting_id"]
    urls = [
        api(city, f"/{a}/bodies/{records_a['body_id']}"),
        api(city, f"/{a}/meetings/{m}/decisions/{records_a['decision_id']}"),
        api(city, f"/{a}/meetings/{m}/materials/{records_a['material_id']}"),
        api(city, f"/{a}/action-items/{records_a['action_id']}"),
    ]
    for url in urls:
        assert client_for(cast.member).delete(url).status_code == 403
        assert client_for(cast.l2_b).delete(url).status_code == 404
        assert client_for(cast.l2_a).delete(url).status_code == 204
        assert client_for(cast.l2_a).delete(url).status_code == 404
