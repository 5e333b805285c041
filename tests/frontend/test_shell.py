"""Sign-in, sign-out, a home page per kind of user, in English and Simplified Chinese."""

import pytest

from dealers.choices import DealerRole
from tests.dealers.factories import PASSWORD, CustomerFactory, UserFactory, staff


def test_a_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_and_out(client, hq_ops):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'<label for="id_username">' in page.content
    response = client.post("/accounts/login/", {"username": "hq-ops", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_wrong_password_says_so(client, hq_ops):
    response = client.post("/accounts/login/", {"username": "hq-ops", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_hq_home_shows_the_network_by_region(client, hq_analyst, dealer, other_dealer):
    client.force_login(hq_analyst)
    response = client.get("/")
    assert response.templates[0].name == "frontend/home_hq.html"
    row = next(r for r in response.context["regions"] if r.code == "east")
    assert b"HQ dashboard" in response.content
    assert (row.active_dealers, row.gold) == (2, 2)


@pytest.mark.parametrize(
    ("role", "template"),
    [(DealerRole.PRINCIPAL, "home_sales"), (DealerRole.SALES_MANAGER, "home_sales"),
     (DealerRole.SALES, "home_sales"), (DealerRole.SERVICE, "home_service")],
)
def test_dealer_staff_land_on_their_home(client, dealer, other_dealer, role, template):
    client.force_login(staff(dealer, role))
    response = client.get("/")
    assert response.templates[0].name == f"frontend/{template}.html"
    assert dealer.name.encode() in response.content
    assert other_dealer.name.encode() not in response.content


def test_only_the_principal_sees_the_staff_list(client, dealer, principal, salesperson):
    client.force_login(principal)
    assert b"near-sales" in client.get("/").content
    client.force_login(salesperson)
    assert b"near-principal" not in client.get("/").content


def test_customer_home(client, db):
    account = UserFactory()
    CustomerFactory(account=account)
    client.force_login(account)
    assert client.get("/").templates[0].name == "frontend/home_customer.html"


def test_pages_follow_accept_language(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-Hans,zh;q=0.9")
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "登录" in response.content.decode()


def test_the_language_switch_sticks(client, db):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert "登录" in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Sign in" in client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
