"""The service bay through the API: repair orders, claims, contracts, service requests."""

from datetime import date

import pytest

from dealers.choices import DealerRole
from tests.dealers.factories import CustomerFactory, UserFactory, staff
from tests.vehicles.factories import sold_unit
from vehicles.models import RepairOrder, WarrantyClaim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(date(2026, 2, 10))


@pytest.fixture
def unit(dealer):
    return sold_unit(dealer=dealer, owner=CustomerFactory(), delivered_on=date(2025, 3, 1), months=24)


def open_repair(client, unit, **extra):
    return client.post("/api/v1/repair-orders/", {
        "unit": unit.pk, "complaint": "Engine warning light", "failure_date": "2026-02-08",
        "odometer_or_hours": "23000.0",
        "lines": [{"kind": "labour", "description": "Diagnosis", "quantity": "1.5", "unit_price": "200.00"},
                  {"kind": "part", "description": "NOx sensor", "quantity": "1", "unit_price": "1580.00"}],
        **extra,
    }, format="json")


def test_service_staff_open_and_work_a_repair_order(api, dealer, service_advisor, unit):
    client = api(service_advisor)
    response = open_repair(client, unit)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["total"] == "1880.00"
    assert [line["covered_by"] for line in body["lines"]] == ["warranty", "warranty"]
    repair_id = body["id"]
    added = client.post(f"/api/v1/repair-orders/{repair_id}/lines/", {
        "kind": "part", "description": "Floor mats", "quantity": "1", "unit_price": "120.00",
        "covered_by": "customer"})
    assert added.status_code == 201
    assert added.json()["total"] == "2000.00"
    assert client.post(f"/api/v1/repair-orders/{repair_id}/complete/").status_code == 409
    for step, expected in (("start", "in_progress"), ("complete", "completed")):
        assert client.post(f"/api/v1/repair-orders/{repair_id}/{step}/").json()["status"] == expected


def test_bad_repair_input_changes_nothing(api, service_advisor, unit):
    response = open_repair(api(service_advisor), unit, failure_date="2030-01-01", odometer_or_hours="-5")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"odometer_or_hours"}
    response = open_repair(api(service_advisor), unit, failure_date="2030-01-01")
    assert response.status_code == 400
    assert "future" in response.json()["fields"]["failure_date"][0]
    assert not RepairOrder.objects.exists()


def test_repair_orders_are_for_the_bay_and_hq(api, dealer, other_dealer, service_advisor, hq_analyst, unit):
    repair_id = open_repair(api(service_advisor), unit).json()["id"]
    assert api(staff(dealer, DealerRole.SALES)).get("/api/v1/repair-orders/").json()["count"] == 0
    assert api(staff(dealer, DealerRole.SALES)).post("/api/v1/repair-orders/", {}).status_code in (400, 403)
    assert api(staff(other_dealer, DealerRole.SERVICE)).get(f"/api/v1/repair-orders/{repair_id}/").status_code == 404
    assert api(hq_analyst).get(f"/api/v1/repair-orders/{repair_id}/").status_code == 200
    # another dealer's unit cannot be named when opening a repair order
    far_unit = sold_unit(dealer=other_dealer, owner=CustomerFactory(), delivered_on=date(2025, 3, 1))
    response = open_repair(api(service_advisor), far_unit)
    assert response.status_code == 400
    assert "unit" in response.json()["fields"]


def test_claim_through_the_api(api, service_advisor, hq_ops, unit):
    client = api(service_advisor)
    repair_id = open_repair(client, unit).json()["id"]
    client.post(f"/api/v1/repair-orders/{repair_id}/start/")
    client.post(f"/api/v1/repair-orders/{repair_id}/complete/")
    created = client.post("/api/v1/warranty-claims/", {"repair_order": repair_id})
    assert created.status_code == 201, created.json()
    claim_id = created.json()["id"]
    assert created.json()["amount_claimed"] == "1880.00"
    assert client.post(f"/api/v1/warranty-claims/{claim_id}/submit/").json()["status"] == "submitted"
    assert client.post(f"/api/v1/warranty-claims/{claim_id}/approve/", {"amount_approved": "1880"}).status_code == 403
    over = api(hq_ops).post(f"/api/v1/warranty-claims/{claim_id}/approve/", {"amount_approved": "1880.01"})
    assert over.status_code == 400
    assert "at most the 1880.00 claimed" in over.json()["fields"]["amount_approved"][0]
    approved = api(hq_ops).post(f"/api/v1/warranty-claims/{claim_id}/approve/", {"amount_approved": "1880.00"})
    assert approved.json()["status"] == "approved"
    assert api(hq_ops).post(f"/api/v1/warranty-claims/{claim_id}/reject/", {"reason": "x"}).status_code == 409
    assert str(WarrantyClaim.objects.get().amount_approved) == "1880.00"


def test_submit_out_of_warranty_says_why(api, service_advisor, unit):
    unit.warranty_end = date(2026, 2, 1)
    unit.save()
    client = api(service_advisor)
    repair = open_repair(client, unit, lines=[
        {"kind": "labour", "description": "Diagnosis", "quantity": "1", "unit_price": "200.00"}]).json()
    # the line defaulted to the customer: there is nothing to claim
    assert repair["lines"][0]["covered_by"] == "customer"
    client.post(f"/api/v1/repair-orders/{repair['id']}/start/")
    client.post(f"/api/v1/repair-orders/{repair['id']}/complete/")
    response = client.post("/api/v1/warranty-claims/", {"repair_order": repair["id"]})
    assert response.status_code == 400
    assert "No line of this repair order is covered by the warranty." in response.json()["detail"]


def test_contracts_and_service_requests(api, dealer, service_advisor, unit):
    response = api(service_advisor).post("/api/v1/service-contracts/", {
        "unit": unit.pk, "kind": "maintenance", "starts_on": "2027-03-01", "ends_on": "2028-02-29",
        "covers": "labour", "response_hours": 24})
    assert response.status_code == 201, response.json()
    assert api(service_advisor).get(f"/api/v1/units/{unit.pk}/history/").json()["results"][-1]["kind"] == "contract"
    bad = api(service_advisor).post("/api/v1/service-contracts/", {
        "unit": unit.pk, "kind": "maintenance", "starts_on": "2028-03-01", "ends_on": "2027-02-28", "covers": "x"})
    assert bad.status_code == 400

    account = UserFactory()
    unit.owner.account = account
    unit.owner.save()
    created = api(account).post("/api/v1/service-requests/", {"unit": unit.pk, "description": "Annual service",
                                                               "preferred_date": "2026-02-20"})
    assert created.status_code == 201, created.json()
    request_id = created.json()["id"]
    assert api(service_advisor).get("/api/v1/service-requests/").json()["count"] == 1
    scheduled = api(service_advisor).post(f"/api/v1/service-requests/{request_id}/schedule/",
                                          {"scheduled_for": "2026-02-20T09:00:00+08:00"})
    assert scheduled.json()["status"] == "scheduled"
    assert api(account).get(f"/api/v1/service-requests/{request_id}/").json()["status"] == "scheduled"
