"""Staff and public pages: who may open and change what, and what a resident sees."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from sasaeai.core import navigation
from sasaeai.directory import services
from sasaeai.directory.models import Resource

VIEW_PAGES = [
    "resource_list", "resource_detail", "organization_list", "organization_detail", "place_list", "place_detail",
    "lists", "transfer",
]  # fmt: skip
CHANGE_PAGES = [
    "resource_create",
    "resource_edit",
    "organization_create",
    "organization_edit",
    "place_create",
    "place_edit",
    "import",
]


@pytest.fixture
def records(make_resource, directory):
    with scope(municipality=directory):
        org = services.create_organization(
            directory,
            {"name": "本町自治会", "area": directory.area_a1, "contact_person": "山田 太郎"},
            actor=None,
        )
    resource = make_resource("本町サロン", area=directory.area_a1, organization=org, place=(36.381, 139.731))
    with scope(municipality=directory):
        place = resource.places.get()
    return {"resource": resource, "organization": org, "place": place}


def url(city, name, records):
    kwargs = {"code": city.code}
    if name.endswith(("_detail", "_edit")):
        kwargs["pk"] = records[name.split("_")[0]].pk
    return reverse(f"directory:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", VIEW_PAGES + CHANGE_PAGES)
def test_an_officer_opens_every_directory_page(name, records, cast, client_for, city):
    assert client_for(cast.officer).get(url(city, name, records)).status_code == 200


@pytest.mark.parametrize("name", VIEW_PAGES)
def test_a_viewer_and_a_council_member_read_the_directory(name, records, cast, client_for, city):
    assert client_for(cast.viewer).get(url(city, name, records)).status_code == 200
    assert client_for(cast.member).get(url(city, name, records)).status_code == 200


@pytest.mark.parametrize("name", CHANGE_PAGES)
def test_a_viewer_cannot_open_the_change_pages(name, records, cast, client_for, city):
    assert client_for(cast.viewer).get(url(city, name, records)).status_code == 403


@pytest.mark.parametrize("name", VIEW_PAGES + CHANGE_PAGES)
def test_staff_of_another_municipality_get_404(name, records, cast, client_for, city):
    assert client_for(cast.other_officer).get(url(city, name, records)).status_code == 404


def test_an_area_coordinator_edits_resources_of_her_area_only(
    make_resource, cast, client_for, city, directory
):
    mine = make_resource("本町体操", area=city.area_a1)
    theirs = make_resource("北山体操", area=city.area_b1)
    c = client_for(cast.l2_a)
    assert c.get(f"/m/{city.code}/directory/resources/{mine.pk}/edit/").status_code == 200
    assert c.get(f"/m/{city.code}/directory/resources/{theirs.pk}/edit/").status_code == 403
    assert c.post(f"/m/{city.code}/directory/resources/{theirs.pk}/delete/").status_code == 403
    # …but she can read every resource of the municipality.
    assert c.get(f"/m/{city.code}/directory/resources/{theirs.pk}/").status_code == 200


def form_data(**extra):
    data = {
        "name": "水曜朝のサロン", "reading": "すいようあさのさろん", "description": "お茶とおしゃべり", "status": "active",
        "published": "on", "accepts_independent": "on", "accepts_support_need": "on",
        "s-TOTAL_FORMS": "2", "s-INITIAL_FORMS": "0", "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "10",
        "s-0-freq": "WEEKLY", "s-0-interval": "1", "s-0-days": ["2"], "s-0-opens_at": "10:00", "s-0-closes_at": "12:00",
        "s-1-freq": "MONTHLY", "s-1-interval": "1", "s-1-weeks": ["2", "4"], "s-1-days": ["1"],
        "c-TOTAL_FORMS": "1", "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "0", "c-MAX_NUM_FORMS": "10",
        "c-0-kind": "holidays",
        "new_place_name": "本町公民館", "new_place_latitude": "36.381", "new_place_longitude": "139.731",
    }  # fmt: skip
    data.update(extra)
    return data


def test_a_coordinator_creates_a_resource_with_schedules_a_closure_and_a_new_place(
    cast, client_for, city, directory
):
    c = client_for(cast.l2_a)
    response = c.post(f"/m/{city.code}/directory/resources/new/", form_data(area=city.area_a1.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    with scope(municipality=city):
        resource = Resource.objects.get(name="水曜朝のサロン")
        assert resource.places.get().name == "本町公民館"
        assert sorted(s.byday for s in resource.schedules.all()) == ["2TU,4TU", "WE"]
        assert resource.closures.get().kind == "holidays"
    page = c.get(response["Location"]).content.decode()
    assert "毎週水曜 10:00〜12:00" in page
    assert "毎月第2・第4火曜" in page
    assert "祝日は休み" in page


def test_the_detail_page_history_shows_a_change_of_categories_made_in_the_form(
    cast, client_for, city, directory
):
    from sasaeai.directory.models import Category

    c = client_for(cast.l2_a)
    with scope(municipality=city):
        cafe, gym = Category.objects.get(name="カフェ"), Category.objects.get(name="体操教室")
    created = c.post(
        f"/m/{city.code}/directory/resources/new/", form_data(area=city.area_a1.pk, categories=[cafe.pk])
    )
    with scope(municipality=city):
        resource = Resource.objects.get(name="水曜朝のサロン")
        place_ids = [p.pk for p in resource.places.all()]
    edit = {
        **form_data(area=city.area_a1.pk, categories=[gym.pk], version=resource.version),
        "new_place_name": "", "new_place_latitude": "", "new_place_longitude": "",
        "places": place_ids,
        "s-TOTAL_FORMS": "0", "c-TOTAL_FORMS": "0",
    }  # fmt: skip
    response = c.post(f"{created['Location']}edit/", edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = c.get(created["Location"]).content.decode()
    assert "居場所・サロン › カフェ" in page and "介護予防・体操 › 体操教室" in page
    with scope(municipality=city):
        assert resource.history.count() == 2


def test_a_coordinator_cannot_file_a_resource_under_another_area(cast, client_for, city, directory):
    response = client_for(cast.l2_a).post(
        f"/m/{city.code}/directory/resources/new/", form_data(area=city.area_b1.pk)
    )
    assert response.status_code == 200
    with scope(municipality=city):
        assert not Resource.objects.exists()


def test_the_form_shows_service_errors_in_japanese_on_the_right_row(cast, client_for, city, directory):
    data = form_data(area=city.area_a1.pk, **{"s-0-opens_at": "12:00", "s-0-closes_at": "10:00"})
    page = client_for(cast.officer).post(f"/m/{city.code}/directory/resources/new/", data).content.decode()
    assert "終了時刻は開始時刻より後にしてください。" in page


def test_the_detail_page_renders_panels_other_apps_register(records, cast, client_for, city):
    def born_in_council(request, obj):
        return {"template": "directory/_dashboard_panel.html", "context": {"total": 4242, "list_url": "#"}}

    navigation._RECORD_PANELS.setdefault("directory.resource", []).append(born_in_council)
    try:
        page = client_for(cast.viewer).get(url(city, "resource_detail", records)).content.decode()
    finally:
        navigation._RECORD_PANELS["directory.resource"].remove(born_in_council)
    assert "4242" in page


def test_the_list_filters_not_verified_resources_and_answers_htmx_with_the_partial(
    make_resource, cast, client_for, city
):
    make_resource("未確認のサロン", last_verified=date(2024, 4, 1))
    make_resource("確認済みのサロン", last_verified=timezone.localdate())
    c = client_for(cast.officer)
    response = c.get(f"/m/{city.code}/directory/?stale=on&q=ｻﾛﾝ", HTTP_HX_REQUEST="true")
    assert "未確認のサロン" in response.content.decode()
    assert "確認済みのサロン" not in response.content.decode()
    assert "<html" not in response.content.decode()


def test_the_dashboard_shows_the_directory_panel(make_resource, cast, client_for, city):
    make_resource("サロン")
    assert "directory-panel" in client_for(cast.officer).get(f"/m/{city.code}/").content.decode()


# --- public ------------------------------------------------------------------------------------------


def test_the_public_directory_needs_no_login_and_lists_only_published_resources(make_resource, client, city):
    make_resource("公開サロン", place=(36.38, 139.73))
    make_resource("内部メモ", published=False)
    page = client.get(f"/p/{city.code}/").content.decode()
    assert "公開サロン" in page and "内部メモ" not in page
    assert 'data-markers-id="public-points"' in page


def test_the_public_search_folds_half_width_katakana(make_resource, client, city):
    make_resource("ふれあいサロン")
    make_resource("囲碁クラブ")
    page = client.get(f"/p/{city.code}/", {"q": "ｻﾛﾝ"}).content.decode()
    assert "ふれあいサロン" in page and "囲碁クラブ" not in page


def test_a_weekday_search_says_which_day_its_closures_were_checked_on(
    make_resource, client, cast, client_for, city
):
    from sasaeai.directory.scheduling import next_date_on_weekday

    make_resource("水曜サロン", schedules=[{"freq": "WEEKLY", "byday": "WE"}])
    day = next_date_on_weekday(2, timezone.localdate())
    expected = f"水曜日に開かれるもの。次の水曜日（{day.month}月{day.day}日）が休みのものは除いています。"
    public = client.get(f"/p/{city.code}/", {"weekday": "2"}).content.decode()
    staff = client_for(cast.viewer).get(f"/m/{city.code}/directory/", {"weekday": "2"}).content.decode()
    assert expected in public and "水曜サロン" in public
    assert expected in staff and "水曜サロン" in staff
    assert "weekday-note" not in client.get(f"/p/{city.code}/").content.decode()


def test_residents_and_staff_filter_by_who_can_join(make_resource, client, cast, client_for, city):
    make_resource("自立の方の体操")
    make_resource("要介護の方も歓迎のサロン", accepts_care_need=True, wheelchair_accessible=True)
    query = {"care_level": "care", "wheelchair": "on"}
    public = client.get(f"/p/{city.code}/", query).content.decode()
    staff = client_for(cast.viewer).get(f"/m/{city.code}/directory/", query).content.decode()
    for page in (public, staff):
        assert "要介護の方も歓迎のサロン" in page and "自立の方の体操" not in page
        assert '<option value="care" selected>要介護</option>' in page
        assert 'name="wheelchair" class="form-check-input" id="id_wheelchair" checked' in page


def test_the_public_results_show_each_resources_next_meeting(make_resource, client, city):
    from sasaeai.directory.scheduling import next_date_on_weekday

    make_resource("水曜サロン", schedules=[{"freq": "WEEKLY", "byday": "WE", "opens_at": time(10, 0)}])
    make_resource("休止中の水曜体操", schedules=[{"freq": "WEEKLY", "byday": "WE"}], status="paused")
    make_resource("随時の見守り", schedules=[{"freq": "", "note": "随時"}])
    day = next_date_on_weekday(2, timezone.localdate())
    page = client.get(f"/p/{city.code}/").content.decode()
    assert page.count('class="next-date"') == 1
    assert f"次回：{day.month}/{day.day}（水） 10:00〜" in page


def test_the_public_search_near_a_point_shows_distances(make_resource, client, city):
    make_resource("近くのサロン", place=(36.3805, 139.7305))
    page = client.get(f"/p/{city.code}/", {"near": "36.38,139.73", "radius_m": "1000"}).content.decode()
    assert "近くのサロン" in page and "m</span>" in page


def test_the_public_detail_page_shows_no_personal_data(records, client, city):
    resource = records["resource"]
    page = client.get(f"/p/{city.code}/r/{resource.public_id}/").content.decode()
    assert "本町サロン" in page
    assert "山田 太郎" not in page


def test_an_unpublished_resource_has_no_public_page(make_resource, client, city):
    hidden = make_resource("準備中の体操", published=False)
    assert client.get(f"/p/{city.code}/r/{hidden.public_id}/").status_code == 404


def test_a_resource_of_another_municipality_has_no_public_page_here(make_resource, client, other_city):
    resource = make_resource("ひなたサロン")
    assert client.get(f"/p/{other_city.code}/r/{resource.public_id}/").status_code == 404


def test_an_officer_adds_and_renames_categories_and_a_viewer_cannot(cast, client_for, city, directory):
    from sasaeai.directory.models import Category

    c = client_for(cast.officer)
    with scope(municipality=city):
        parent = Category.objects.get(name="趣味・生きがい")
    response = c.post(
        f"/m/{city.code}/directory/lists/", {"cat-parent": parent.pk, "cat-name": "写真", "cat-sort_order": 9}
    )
    assert response.status_code == 302
    with scope(municipality=city):
        photo = Category.objects.get(name="写真")
        assert photo.parent == parent
    assert (
        f'value="{photo.pk}"'
        in c.get(f"/m/{city.code}/directory/lists/?category={photo.pk}").content.decode()
    )
    c.post(
        f"/m/{city.code}/directory/lists/",
        {"cat-id": photo.pk, "cat-parent": parent.pk, "cat-name": "写真・カメラ", "cat-sort_order": 9},
    )
    with scope(municipality=city):
        assert Category.objects.get(pk=photo.pk).name == "写真・カメラ"
    assert (
        client_for(cast.viewer).post(f"/m/{city.code}/directory/lists/", {"cat-name": "x"}).status_code == 403
    )


def test_a_resident_searches_near_an_address_located_on_the_area_tree(make_resource, client, city):
    # 本町 (area A-1) is at 36.381, 139.731 in the test city.
    make_resource("本町の体操", place=(36.3812, 139.7312))
    make_resource("遠くの体操", place=(36.45, 139.73))
    page = client.get(f"/p/{city.code}/", {"address": "ひなた市本町2-3", "radius_m": 1000}).content.decode()
    assert "本町の体操" in page and "遠くの体操" not in page and 'id="near-label"' in page
    page = client.get(f"/p/{city.code}/", {"address": "どこにもない町"}).content.decode()
    assert 'id="address-unknown"' in page


def test_opening_an_organisation_with_a_named_contact_person_is_logged(records, cast, client_for, city):
    from sasaeai.core.models import AuditEvent

    org = records["organization"]
    assert client_for(cast.l1).get(url(city, "organization_detail", records)).status_code == 200
    assert client_for(cast.officer).get(f"/api/v1/m/{city.code}/organizations/{org.pk}").status_code == 200
    # A viewer is not shown the contact person, so there is no personal view to log.
    assert client_for(cast.viewer).get(url(city, "organization_detail", records)).status_code == 200
    with scope(municipality=city):
        events = AuditEvent.objects.filter(action="directory.organization.viewed", object_id=str(org.pk))
        assert sorted(e.actor.username for e in events) == ["l1", "officer"]
