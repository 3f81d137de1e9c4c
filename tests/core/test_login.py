"""Staff log in on a Japanese page, are locked out after repeated failures, and sessions expire."""

from django.conf import settings

from sasaeai.core.models import AuditEvent


def test_the_login_page_is_japanese(client):
    page = client.get("/accounts/login/").content.decode()
    assert "職員ログイン" in page and "パスワード" in page


def test_a_member_of_one_municipality_lands_on_its_dashboard(cast, client, city):
    response = client.post("/accounts/login/", {"username": "l1", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == f"/m/{city.code}/"


def test_a_user_of_two_municipalities_chooses_and_can_switch(city, other_city, client_for):
    from sasaeai.core.models import Role
    from sasaeai.core.services.staff import grant_role
    from tests import factories

    user = factories.staff(city, Role.OFFICER, username="two")
    from django_scopes import scopes_disabled

    with scopes_disabled():
        grant_role(other_city, user, Role.OFFICER, actor=None)
    c = client_for(user)
    page = c.get("/").content.decode()
    assert "ひなた市" in page and "こもれび町" in page
    dashboard = c.get(f"/m/{city.code}/").content.decode()
    assert 'id="municipality-switcher"' in dashboard
    assert f"/m/{other_city.code}/" in dashboard


def test_repeated_failed_logins_lock_the_account(cast, client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": "l1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "l1", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "ロック" in response.content.decode()
    from django_scopes import scopes_disabled

    with scopes_disabled():
        assert AuditEvent.objects.filter(action="core.login_failed").count() >= 3


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_logins_are_audited(cast, client):
    client.post("/accounts/login/", {"username": "viewer", "password": "correct-horse-battery"})
    from django_scopes import scopes_disabled

    with scopes_disabled():
        assert AuditEvent.objects.filter(action="core.login", actor=cast.viewer).exists()
