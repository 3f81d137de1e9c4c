"""Who changed what and when is kept; deleted records come back; views of personal data are logged."""

from django_scopes import scope, scopes_disabled

from sasaeai.core.history import deleted_records
from sasaeai.core.models import Area, AuditEvent


def test_the_area_page_shows_who_changed_what(cast, client_for, city):
    c = client_for(cast.officer)
    c.patch(
        f"/api/v1/m/{city.code}/areas/{city.area_a.pk}",
        {"reading": "ちゅうおう"},
        content_type="application/json",
    )
    page = client_for(cast.viewer).get(f"/m/{city.code}/areas/{city.area_a.pk}/").content.decode()
    assert "ふりがな" in page and "ちゅうおう" in page
    assert "officer" in page


def test_history_of_another_municipality_is_not_reachable(cast, client_for, city, other_city):
    assert (
        client_for(cast.other_officer)
        .get(f"/api/v1/m/{other_city.code}/areas/{city.area_a.pk}/history")
        .status_code
        == 404
    )


def test_an_admin_restores_a_deleted_area(cast, client_for, city):
    c = client_for(cast.officer)
    assert c.post(f"/m/{city.code}/areas/{city.area_b1.pk}/delete/").status_code == 302
    with scope(municipality=city):
        assert not Area.objects.filter(pk=city.area_b1.pk).exists()
        record = deleted_records(city)[0]
    assert record.history_user == cast.officer
    # officers cannot restore; a system administrator can
    assert c.get(f"/m/{city.code}/trash/").status_code == 403
    admin = client_for(cast.admin)
    page = admin.get(f"/m/{city.code}/trash/").content.decode()
    assert "北山" in page
    response = admin.post(
        f"/m/{city.code}/trash/restore/", {"model": "core.area", "history_id": record.history_id}
    )
    assert response.status_code == 302
    with scope(municipality=city):
        restored = Area.objects.get(pk=city.area_b1.pk)
        assert restored.name == "北山" and restored.path == city.area_b1.path
        assert deleted_records(city) == []


def test_deleted_records_of_another_municipality_are_not_listed(cast, client_for, city, other_city):
    client_for(cast.officer).post(f"/m/{city.code}/areas/{city.area_b1.pk}/delete/")
    with scopes_disabled():
        assert deleted_records(other_city) == []
    page = client_for(cast.admin).get(f"/m/{other_city.code}/trash/").content.decode()
    assert "北山" not in page


def test_restoring_needs_a_record_of_this_municipality(cast, client_for, city, other_city):
    client_for(cast.officer).post(f"/m/{city.code}/areas/{city.area_b1.pk}/delete/")
    with scope(municipality=city):
        record = deleted_records(city)[0]
    response = client_for(cast.admin).post(
        f"/m/{other_city.code}/trash/restore/", {"model": "core.area", "history_id": record.history_id}
    )
    assert response.status_code == 404


def test_viewing_a_staff_members_page_is_logged(cast, client_for, city):
    client_for(cast.officer).get(f"/m/{city.code}/staff/{cast.l2_a.pk}/")
    with scope(municipality=city):
        event = AuditEvent.objects.get(action="core.staff.viewed")
    assert (event.actor, event.object_id) == (cast.officer, str(cast.l2_a.pk))
    page = client_for(cast.officer).get(f"/m/{city.code}/audit/?action=core.staff").content.decode()
    assert "core.staff.viewed" in page


def test_exports_are_logged(cast, client_for, city):
    client_for(cast.viewer).get(f"/m/{city.code}/areas/export/?format=csv")
    with scope(municipality=city):
        assert AuditEvent.objects.filter(action="core.areas.exported", actor=cast.viewer).exists()


def test_audit_events_of_another_municipality_are_not_visible(cast, client_for, city, other_city):
    client_for(cast.officer).get(f"/m/{city.code}/staff/{cast.l2_a.pk}/")
    body = client_for(cast.other_officer).get(f"/api/v1/m/{other_city.code}/audit").json()
    assert body["count"] == 0


def test_granting_a_role_is_kept_in_the_row_history(cast, client_for, city):
    client_for(cast.officer).post(
        f"/m/{city.code}/staff/new/",
        {"username": "newcomer", "full_name": "新人 太郎", "password": "a-long-secret-123", "role": "coordinator_l2",
         "area": city.area_b.pk},
    )  # fmt: skip
    from sasaeai.core.models import StaffRole

    with scope(municipality=city):
        role = StaffRole.objects.get(user__username="newcomer")
        assert role.history.first().history_user == cast.officer


def test_behind_the_reverse_proxy_the_audit_log_keeps_the_clients_address(cast, client_for, city):
    client_for(cast.officer).get(
        f"/m/{city.code}/staff/{cast.l1.pk}/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    client_for(cast.officer).get(
        f"/m/{city.code}/staff/{cast.l1.pk}/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    with scope(municipality=city):
        addresses = list(
            AuditEvent.objects.filter(action="core.staff.viewed")
            .order_by("at")
            .values_list("ip_address", flat=True)
        )
    # a forwarded header from an untrusted peer is ignored
    assert addresses == ["203.0.113.7", "198.51.100.1"]
