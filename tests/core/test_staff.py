"""Granting and removing roles: nobody hands out more rights than they hold, and nothing half-done."""

from django.contrib.auth import get_user_model
from django_scopes import scope, scopes_disabled

from sasaeai.core.models import Role, StaffRole
from sasaeai.core.services.staff import grant_role


def test_an_officer_grants_a_2nd_layer_coordinator_role_to_a_new_user(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/m/{city.code}/staff/new/",
        {"username": "newsc", "full_name": "新 SC", "password": "a-long-secret-123", "role": "coordinator_l2",
         "area": city.area_b.pk},
    )  # fmt: skip
    assert response.status_code == 302
    with scope(municipality=city):
        assert StaffRole.objects.get(user__username="newsc").area == city.area_b


def test_an_officer_cannot_make_anyone_a_system_administrator(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/m/{city.code}/staff/new/", {"username": "officer", "role": "admin"}
    )
    assert response.status_code == 200
    assert "ご自身より" in response.content.decode() or "権限" in response.content.decode()
    assert client_for(cast.officer).get(f"/m/{city.code}/trash/").status_code == 403


def test_an_officer_cannot_remove_an_administrators_role(cast, client_for, city):
    admin_user = get_user_model().objects.create_user("cityadmin", password="x-long-password-1")
    with scopes_disabled():
        role = grant_role(city, admin_user, Role.ADMIN, actor=cast.admin)
    client_for(cast.officer).post(f"/m/{city.code}/staff/roles/{role.pk}/revoke/")
    with scopes_disabled():
        assert StaffRole.objects.filter(pk=role.pk).exists()


def test_a_refused_role_does_not_leave_a_user_without_a_role(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/m/{city.code}/staff/new/",
        {"username": "orphan", "password": "a-long-secret-123", "role": "coordinator_l2"},  # no area
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="orphan").exists()


def test_a_system_administrator_may_grant_the_administrator_role(cast, client_for, city):
    response = client_for(cast.admin).post(
        f"/m/{city.code}/staff/new/", {"username": "officer", "role": "admin"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert StaffRole.objects.filter(user=cast.officer, role=Role.ADMIN).exists()
