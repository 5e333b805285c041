"""Dealer members and HQ staff accounts."""

import pytest

from dealers.choices import DealerRole
from dealers.models import Membership, User
from tests.dealers.factories import DealerFactory, staff

MEMBER = {"username": "li.wei", "email": "li.wei@near.example.com", "password": "Str0ng-passphrase!", "role": "sales"}


@pytest.mark.parametrize("fixture", ["hq_admin", "hq_ops", "principal"])
def test_hq_and_the_principal_add_staff(api, request, dealer, fixture):
    response = api(request.getfixturevalue(fixture)).post(f"/api/v1/dealers/{dealer.pk}/members/", MEMBER)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["username"], body["role"], body["dealer"]) == ("li.wei", "sales", dealer.pk)
    assert body["dealer_code"] == "near"
    assert "password" not in body
    user = User.objects.get(username="li.wei")
    assert user.check_password(MEMBER["password"])
    assert list(user.groups.all()) == []  # a salesperson gets single leads by delegation


@pytest.mark.parametrize(
    ("role", "groups"),
    [("principal", {"sales", "service"}), ("sales_manager", {"sales"}), ("sales", set()),
     ("service", {"service"})],
)
def test_each_role_joins_its_dealer_groups(api, hq_ops, dealer, role, groups):
    api(hq_ops).post(f"/api/v1/dealers/{dealer.pk}/members/", {**MEMBER, "role": role})
    names = set(User.objects.get(username="li.wei").groups.values_list("name", flat=True))
    assert names == {f"dealer:near:{g}" for g in groups}


@pytest.mark.parametrize("fixture", ["hq_finance", "hq_analyst", "sales_manager", "salesperson", "service_advisor"])
def test_other_roles_may_not_add_or_list_staff(api, request, dealer, fixture):
    client = api(request.getfixturevalue(fixture))
    assert client.post(f"/api/v1/dealers/{dealer.pk}/members/", MEMBER).status_code == 403
    assert client.get(f"/api/v1/dealers/{dealer.pk}/members/").status_code == 403
    assert not User.objects.filter(username="li.wei").exists()


def test_a_principal_cannot_reach_another_dealers_staff(api, principal, other_dealer):
    assert api(principal).post(f"/api/v1/dealers/{other_dealer.pk}/members/", MEMBER).status_code == 404
    assert api(principal).get(f"/api/v1/dealers/{other_dealer.pk}/members/").status_code == 404


def test_a_principal_manages_the_staff_of_their_sub_dealer(api, principal, dealer):
    sub = DealerFactory(code="sub", parent=dealer)
    assert api(principal).post(f"/api/v1/dealers/{sub.pk}/members/", MEMBER).status_code == 201


def test_members_list(api, principal, dealer, salesperson, service_advisor, other_principal):
    body = api(principal).get(f"/api/v1/dealers/{dealer.pk}/members/").json()
    assert body["count"] == 3
    assert {m["username"] for m in body["results"]} == {"near-principal", "near-sales", "near-service"}


def test_bad_member_input_changes_nothing(api, hq_ops, dealer):
    staff(dealer, DealerRole.SALES, username="taken")
    response = api(hq_ops).post(
        f"/api/v1/dealers/{dealer.pk}/members/",
        {"username": "taken", "email": "nope", "password": "x", "role": "boss"},
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"email", "role"}
    weak = api(hq_ops).post(f"/api/v1/dealers/{dealer.pk}/members/", {**MEMBER, "password": "12345678"})
    assert weak.status_code == 400
    assert "password" in weak.json()["fields"]
    taken = api(hq_ops).post(f"/api/v1/dealers/{dealer.pk}/members/", {**MEMBER, "username": "TAKEN"})
    assert taken.json()["fields"] == {"username": ["This username is taken."]}
    assert Membership.objects.count() == 1


def test_no_staff_for_an_inactive_dealer(api, hq_ops):
    closed = DealerFactory(active=False)
    response = api(hq_ops).post(f"/api/v1/dealers/{closed.pk}/members/", MEMBER)
    assert response.status_code == 400
    assert "inactive" in response.json()["fields"]["dealer"][0]


def test_only_an_hq_admin_creates_and_lists_hq_staff(api, hq_admin, hq_ops, principal):
    payload = {"username": "zhang.min", "email": "zhang.min@hq.example.com", "password": "An0ther-passphrase",
               "hq_role": "hq_finance"}
    for user in (hq_ops, principal):
        assert api(user).post("/api/v1/staff/", payload).status_code == 403
        assert api(user).get("/api/v1/staff/").status_code == 403
    response = api(hq_admin).post("/api/v1/staff/", payload)
    assert response.status_code == 201, response.json()
    assert response.json()["hq_role"] == "hq_finance"
    assert User.objects.get(username="zhang.min").role_at_hq == "hq_finance"
    listed = {u["username"] for u in api(hq_admin).get("/api/v1/staff/").json()["results"]}
    assert {"hq-admin", "hq-ops", "zhang.min"} <= listed
    assert "near-principal" not in listed


def test_bad_staff_input(api, hq_admin):
    response = api(hq_admin).post("/api/v1/staff/", {"username": "", "email": "x", "password": "p", "hq_role": "ceo"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"username", "email", "hq_role"}


def test_an_inactive_user_has_no_role(api, dealer):
    user = staff(dealer, DealerRole.PRINCIPAL, is_active=False)
    assert user.dealer_membership is None
    assert user.role_at_hq is None
