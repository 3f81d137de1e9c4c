"""An organisation's contact person and notes are personal data: only staff with PERSONAL_VIEW over its
area see them (list API, detail API, page, export), and every read that includes them is logged."""

import pytest
from django.urls import reverse
from django_scopes import scope

from sasaeai.core.models import AuditEvent
from sasaeai.directory import services

CONTACT = "山田 太郎"
NOTE = "鍵は佐藤 花子さんが保管"


@pytest.fixture
def org(directory):
    with scope(municipality=directory):
        return services.create_organization(
            directory,
            {"name": "本町自治会", "area": directory.area_a1, "contact_person": CONTACT, "notes": NOTE},
            actor=None,
        )


def pages_and_api(client, city, org):
    """Every way a staff member reads an organisation: list API, detail API, page and export."""
    api = f"/api/v1/m/{city.code}/organizations"
    listed = client.get(api).json()["items"]
    detail = client.get(f"{api}/{org.pk}").json()
    page = client.get(reverse("directory:organization_detail", kwargs={"code": city.code, "pk": org.pk}))
    export = client.get(f"/m/{city.code}/directory/export/", {"kind": "organizations", "format": "csv"})
    assert page.status_code == 200 and export.status_code == 200
    return {
        "list API": (listed[0]["contact_person"], listed[0]["notes"]),
        "detail API": (detail["contact_person"], detail["notes"]),
        "page": page.content.decode(),
        "export": export.content.decode("utf-8-sig"),
    }


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_viewers_and_council_members_get_no_contact_person_anywhere(role, org, cast, client_for, city):
    seen = pages_and_api(client_for(getattr(cast, role)), city, org)
    assert seen["list API"] == ("", "") and seen["detail API"] == ("", "")
    for where in ("page", "export"):
        assert CONTACT not in seen[where] and "佐藤" not in seen[where], where
    assert "本町自治会" in seen["page"] and "本町自治会" in seen["export"]


def test_the_history_on_the_page_does_not_leak_a_changed_contact_person(org, cast, client_for, city):
    with scope(municipality=city):
        services.update_organization(org, {"contact_person": "鈴木 一郎"}, actor=cast.officer)
    page = pages_and_api(client_for(cast.viewer), city, org)["page"]
    assert "鈴木" not in page and CONTACT not in page
    assert "鈴木 一郎" in pages_and_api(client_for(cast.officer), city, org)["page"]


def test_an_officer_sees_the_contact_person_everywhere_and_each_read_is_logged(org, cast, client_for, city):
    seen = pages_and_api(client_for(cast.officer), city, org)
    assert seen["list API"] == (CONTACT, NOTE) and seen["detail API"] == (CONTACT, NOTE)
    assert CONTACT in seen["page"] and CONTACT in seen["export"] and NOTE in seen["export"]
    with scope(municipality=city):
        actions = sorted(AuditEvent.objects.filter(actor=cast.officer).values_list("action", flat=True))
    assert actions == [
        "directory.organization.viewed",  # detail API
        "directory.organization.viewed",  # page
        "directory.organizations.exported",
        "directory.organizations.listed",
    ]


def test_reads_without_personal_data_are_not_logged_as_personal_views(org, cast, client_for, city):
    pages_and_api(client_for(cast.viewer), city, org)
    with scope(municipality=city):
        actions = set(AuditEvent.objects.filter(actor=cast.viewer).values_list("action", flat=True))
    assert actions == {"directory.organizations.exported"}


def test_an_area_coordinator_sees_contact_persons_only_in_her_area(org, cast, client_for, city):
    assert pages_and_api(client_for(cast.l2_a), city, org)["detail API"] == (CONTACT, NOTE)
    seen = pages_and_api(client_for(cast.l2_b), city, org)
    assert seen["detail API"] == ("", "") and CONTACT not in seen["page"] and CONTACT not in seen["export"]
