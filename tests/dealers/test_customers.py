"""Customers: normalised contact details, duplicates, visibility, contacts, derived segment."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dealers.choices import DealerRole
from dealers.customers import customer_create, customers_refresh_segments, normalise_phone, segment_of
from dealers.models import Customer
from tests.dealers.factories import CustomerFactory, staff
from tests.vehicles.factories import UnitFactory, sold_unit


@pytest.mark.parametrize("raw", ["13800138000", "+86 138 0013 8000", "(+86) 138-0013-8000", "0086 13800138000"])
def test_phone_numbers_are_normalised_to_e164(raw):
    assert normalise_phone(raw, "CN") == "+8613800138000"


def test_an_invalid_phone_says_so():
    with pytest.raises(ValidationError) as excinfo:
        normalise_phone("12345", "CN")
    assert "not a valid phone number" in excinfo.value.message_dict["phone"][0]


def test_a_dealer_records_a_walk_in_and_sees_it(api, dealer, salesperson, other_dealer):
    response = api(salesperson).post("/api/v1/customers/", {
        "kind": "company", "name": "Huaxin Logistics", "email": " Fleet@Huaxin.CN ", "phone": "021 5555 0199",
        "postal_code": "200120", "contacts": [{"name": "Chen Jie", "role": "decision_maker"}]}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["email"], body["phone"], body["segment"]) == ("fleet@huaxin.cn", "+862155550199", "prospect")
    assert body["contacts"][0]["role"] == "decision_maker"
    assert api(salesperson).get(f"/api/v1/customers/{body['id']}/").status_code == 200
    assert api(staff(other_dealer, DealerRole.SALES)).get(f"/api/v1/customers/{body['id']}/").status_code == 404


def test_a_duplicate_the_user_can_see_is_refused(api, dealer, salesperson):
    CustomerFactory(email="li.na@example.com", created_by_dealer=dealer)
    response = api(salesperson).post("/api/v1/customers/", {"name": "Li Na", "email": "LI.NA@example.com"})
    assert response.status_code == 400
    assert "already has this email" in response.json()["fields"]["email"][0]


def test_another_dealers_customer_is_not_revealed_by_a_duplicate(api, salesperson, other_dealer):
    CustomerFactory(email="li.na@example.com", created_by_dealer=other_dealer)
    response = api(salesperson).post("/api/v1/customers/", {"name": "Li Na", "email": "li.na@example.com"})
    assert response.status_code == 201
    assert Customer.objects.filter(email="li.na@example.com").count() == 2


def test_customer_input_errors(api, salesperson):
    response = api(salesperson).post("/api/v1/customers/", {"name": "", "kind": "robot", "phone": "12"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"name", "kind"}
    response = api(salesperson).post("/api/v1/customers/", {"name": "Nobody"})
    assert response.status_code == 400
    assert "email" in response.json()["fields"]
    response = api(salesperson).post("/api/v1/customers/", {"name": "X", "kind": "person", "phone": "12",
                                                            "contacts": []}, format="json")
    assert "phone" in response.json()["fields"]


def test_segment_is_derived_from_what_was_bought(db, dealer):
    customer = CustomerFactory()
    assert segment_of(customer) == "prospect"
    UnitFactory(kind="third_party", model=None, make="Komatsu", owner=customer, status="sold")
    assert segment_of(customer) == "service_only"
    sold_unit(dealer=dealer, owner=customer, delivered_on=date(2025, 1, 1))
    assert segment_of(customer) == "new_buyer"
    sold_unit(dealer=dealer, owner=customer, delivered_on=date(2026, 1, 1))
    assert segment_of(customer) == "repeat_buyer"
    Customer.objects.filter(pk=customer.pk).update(segment="prospect")
    assert customers_refresh_segments(Customer.objects.all()) == 1
    customer.refresh_from_db()
    assert customer.segment == "repeat_buyer"


def test_handover_updates_the_segment(db, dealer, hq_ops):
    from vehicles.services.units import unit_hand_over

    customer = CustomerFactory()
    unit = UnitFactory(status="dealer_stock", dealer=dealer)
    unit_hand_over(by=hq_ops, unit=unit, owner=customer, delivered_on=date(2026, 1, 5), selling_dealer=dealer)
    customer.refresh_from_db()
    assert customer.segment == "new_buyer"


def test_service_staff_see_owners_of_units_they_hold_or_sold(db, dealer, other_dealer):
    owner = CustomerFactory()
    sold_unit(dealer=dealer, owner=owner, delivered_on=date(2025, 1, 1))
    assert list(Customer.objects.visible_to(staff(dealer, DealerRole.SERVICE))) == [owner]
    assert not Customer.objects.visible_to(staff(other_dealer, DealerRole.SERVICE)).exists()


def test_customer_create_requires_a_role(db):
    from core.errors import NotPermitted
    from tests.dealers.factories import UserFactory

    with pytest.raises(NotPermitted):
        customer_create(by=UserFactory(), name="X", email="x@example.com")
