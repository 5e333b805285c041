"""The dealer network pages follow the same visibility and role rules as the API."""

import pytest

from dealers.choices import DealerRole
from dealers.models import Membership
from tests.dealers.factories import DealerFactory, RegionAreaFactory, staff


@pytest.fixture
def east_area(db):
    return RegionAreaFactory(region__code="east", country="CN", postal_prefix="20")


def test_hq_lists_and_filters_dealers(client, hq_ops, dealer, other_dealer):
    DealerFactory(code="gold9", tier="bronze", name="Bronze Motors")
    client.force_login(hq_ops)
    page = client.get("/network/dealers/")
    assert page.status_code == 200
    assert {d.code for d in page.context["object_list"]} == {"near", "far", "gold9"}
    filtered = client.get("/network/dealers/?tier=bronze")
    assert [d.code for d in filtered.context["object_list"]] == ["gold9"]
    empty = client.get("/network/dealers/?q=nothing-like-this")
    assert b"No dealers match these filters" in empty.content


def test_dealer_staff_see_only_their_dealer_page(client, dealer, other_dealer, salesperson):
    client.force_login(salesperson)
    assert [d.code for d in client.get("/network/dealers/").context["object_list"]] == ["near"]
    assert client.get(f"/network/dealers/{dealer.pk}/").status_code == 200
    assert client.get(f"/network/dealers/{other_dealer.pk}/").status_code == 404
    assert client.get(f"/network/dealers/{dealer.pk}/edit/").status_code == 403


def test_hq_edits_a_dealer_through_the_service(client, hq_ops, east_area):
    dealer = DealerFactory(region=east_area.region)
    client.force_login(hq_ops)
    form = client.get(f"/network/dealers/{dealer.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "product_lines"}
    data.update(name="Renamed Motors", active="", postal_code="201206")
    response = client.post(f"/network/dealers/{dealer.pk}/edit/", data)
    assert response.status_code == 302
    dealer.refresh_from_db()
    assert (dealer.name, dealer.active) == ("Renamed Motors", False)
    assert dealer.history.latest().history_user == hq_ops


def test_a_service_error_shows_on_the_field(client, hq_ops, east_area):
    dealer = DealerFactory(region=east_area.region)
    client.force_login(hq_ops)
    form = client.get(f"/network/dealers/{dealer.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "product_lines"}
    data.update(postal_code="999999", name="Should not stick")
    response = client.post(f"/network/dealers/{dealer.pk}/edit/", data)
    assert response.status_code == 200
    assert "No region covers postal code 999999" in response.context["form"].errors["postal_code"][0]
    dealer.refresh_from_db()
    assert dealer.name != "Should not stick"


def test_the_principal_adds_staff_from_the_dealer_page(client, dealer, principal):
    client.force_login(principal)
    page = client.get(f"/network/dealers/{dealer.pk}/")
    assert b"Add staff member" in page.content
    response = client.post(f"/network/dealers/{dealer.pk}/staff/add/", {
        "username": "wang.fang", "email": "wang.fang@near.example.com", "password": "Str0ng-passphrase!",
        "role": "service",
    }, follow=True)
    assert b"Staff account created." in response.content
    assert Membership.objects.get(user__username="wang.fang").role == DealerRole.SERVICE


def test_a_salesperson_cannot_add_staff(client, dealer, salesperson):
    client.force_login(salesperson)
    assert b"Add staff member" not in client.get(f"/network/dealers/{dealer.pk}/").content
    assert client.get(f"/network/dealers/{dealer.pk}/staff/add/").status_code == 403


def test_weak_password_is_shown_on_the_form(client, dealer, principal):
    client.force_login(principal)
    response = client.post(f"/network/dealers/{dealer.pk}/staff/add/", {
        "username": "wang.fang", "email": "wang.fang@near.example.com", "password": "123", "role": "sales",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not Membership.objects.filter(user__username="wang.fang").exists()


def test_sub_dealer_staff_cannot_open_the_main_dealer(client, dealer):
    sub = DealerFactory(code="sub", parent=dealer)
    client.force_login(staff(sub, DealerRole.PRINCIPAL))
    assert client.get(f"/network/dealers/{dealer.pk}/").status_code == 404
