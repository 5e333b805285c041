import pytest
from rest_framework.throttling import ScopedRateThrottle

from dealers.choices import DealerRole
from tests.dealers.factories import PASSWORD, staff


def test_token_for_username_and_password(db, api, hq_ops):
    response = api().post("/api/v1/auth/token/", {"username": "hq-ops", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").json()["username"] == "hq-ops"


def test_wrong_password_is_a_400_with_the_error_shape(db, api, hq_ops):
    response = api().post("/api/v1/auth/token/", {"username": "hq-ops", "password": "nope"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "Unable to log in" in body["detail"]


def test_missing_credentials_name_the_fields(db, api):
    response = api().post("/api/v1/auth/token/", {})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"username", "password"}


def test_token_endpoint_is_throttled(db, api, hq_ops):
    limit = int(ScopedRateThrottle.THROTTLE_RATES["login"].split("/")[0])
    codes = [api().post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code
             for _ in range(limit + 1)]
    assert codes == [400] * limit + [429]
    assert api().post("/api/v1/auth/token/", {}).json()["code"] == "throttled"


def test_unauthenticated_requests_are_401(db, api):
    response = api().get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided.",
                               "code": "not_authenticated"}


def test_me_for_hq(db, api, hq_finance):
    body = api(hq_finance).get("/api/v1/me/").json()
    assert body["hq_role"] == "hq_finance"
    assert body["memberships"] == []


def test_a_superuser_acts_as_hq_admin(db, api, superuser):
    assert api(superuser).get("/api/v1/me/").json()["hq_role"] == "hq_admin"


def test_me_for_dealer_staff(db, api, dealer, salesperson):
    body = api(salesperson).get("/api/v1/me/").json()
    assert body["hq_role"] is None
    assert body["memberships"] == [
        {"dealer": dealer.pk, "dealer_code": "near", "dealer_name": dealer.name, "role": "sales"}
    ]


@pytest.mark.parametrize("role", list(DealerRole.values))
def test_me_reports_each_dealer_role(db, api, dealer, role):
    user = staff(dealer, role)
    assert api(user).get("/api/v1/me/").json()["memberships"][0]["role"] == role
