"""Staff create and revoke their own API tokens on a page; the token is shown once."""

from sasaeai.core.models import ApiToken


def test_a_user_creates_a_token_that_works_and_then_revokes_it(cast, client_for, city, client):
    c = client_for(cast.l1)
    page = c.post("/accounts/tokens/", {"name": "月次集計"}).content.decode()
    raw = page.split('<code class="user-select-all fs-6">')[1].split("</code>")[0]
    assert client.get(f"/api/v1/m/{city.code}/areas", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token = ApiToken.objects.get(user=cast.l1)
    assert raw not in c.get("/accounts/tokens/").content.decode()  # shown once only
    c.post("/accounts/tokens/", {"revoke": token.pk})
    assert client.get(f"/api/v1/m/{city.code}/areas", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_nobody_can_revoke_someone_elses_token(cast, client_for):
    token, _raw = ApiToken.issue(cast.officer)
    assert client_for(cast.l1).post("/accounts/tokens/", {"revoke": token.pk}).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
