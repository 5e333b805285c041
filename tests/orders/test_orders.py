"""Orders: the journey with its milestones, allocation of units, handover, cancellation."""


import pytest
from django.core import mail
from django.utils import timezone

from dealers.choices import DealerRole
from orders.models import Order, OrderLine
from tests.dealers.factories import staff
from tests.leads.factories import LeadFactory
from tests.vehicles.factories import UnitFactory
from vehicles.models import Unit


@pytest.fixture
def seller(dealer):
    return staff(dealer, DealerRole.SALES_MANAGER, username="seller")


def retail_order(api, seller, customer, van, lead=None, quantity=1):
    payload = {"kind": "retail", "customer": customer.pk, "lines": [{"model": van.pk, "quantity": quantity}]}
    if lead:
        payload["lead"] = lead.pk
    response = api(seller).post("/api/v1/orders/", payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def act(api, user, order_id, action, payload=None, code=200):
    response = api(user).post(f"/api/v1/orders/{order_id}/{action}/", payload or {}, format="json")
    assert response.status_code == code, response.json()
    return response.json()


def test_factory_to_handover(api, dealer, seller, customer, van, hq_ops, django_capture_on_commit_callbacks):
    lead = LeadFactory(dealer=dealer, customer=customer, model=van, status="quoted")
    order = retail_order(api, seller, customer, van, lead=lead)
    assert order["tracking_token"]
    unit = UnitFactory(model=van, status="planned")
    act(api, seller, order["id"], "submit")
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = act(api, hq_ops, order["id"], "confirm", {"expected": {"delivered": "2027-01-15"}})
    assert confirmed["status"] == "confirmed"
    lead.refresh_from_db()
    assert lead.status == "won"  # a confirmed retail order from a lead wins it
    assert "/track/" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["zhang.wei@example.com"]
    expected = {m["status"]: m["expected_on"] for m in confirmed["milestones"]}
    assert expected["delivered"] == "2027-01-15"
    assert expected["shipped"] is not None  # the usual lead time where HQ gave no date

    line_id = order["lines"][0]["id"]
    act(api, hq_ops, order["id"], "allocate", {"line": line_id, "unit": unit.pk})
    act(api, hq_ops, order["id"], "start-production")
    act(api, hq_ops, order["id"], "ship")
    unit.refresh_from_db()
    assert unit.status == "in_transit"
    act(api, seller, order["id"], "receive")
    unit.refresh_from_db()
    assert (unit.status, unit.dealer) == ("dealer_stock", dealer)
    with django_capture_on_commit_callbacks(execute=True):
        delivered = act(api, seller, order["id"], "deliver")
    assert delivered["status"] == "delivered"
    unit.refresh_from_db()
    today = timezone.localdate()
    assert (unit.status, unit.owner, unit.selling_dealer, unit.delivered_on) == ("sold", customer, dealer, today)
    assert unit.warranty_start == today
    assert unit.warranty_end is not None
    customer.refresh_from_db()
    assert customer.segment == "new_buyer"
    assert all(m["at"] for m in delivered["milestones"])
    assert [m["status"] for m in delivered["milestones"]] == [
        "draft", "submitted", "confirmed", "in_production", "shipped", "at_dealer", "delivered"]
    history = [e.summary for e in unit.events.all()]
    assert any(f"Allocated to order O-{order['id']:06d}" in s for s in history)
    from tests.dealers.factories import UserFactory

    customer.account = UserFactory()
    customer.save()
    assert [u["serial"] for u in api(customer.account).get("/api/v1/units/").json()["results"]] == [unit.serial]
    assert len(mail.outbox) >= 2  # confirmation, then the later milestones


def test_lines_become_one_per_unit(api, seller, customer, van):
    order = retail_order(api, seller, customer, van, quantity=3)
    assert [line["quantity"] for line in order["lines"]] == [1, 1, 1]


def test_the_dealer_allocates_from_its_own_stock_only(api, dealer, other_dealer, seller, customer, van, hq_ops):
    order = retail_order(api, seller, customer, van)
    act(api, seller, order["id"], "submit")
    line = order["lines"][0]["id"]
    own = UnitFactory(model=van, status="dealer_stock", dealer=dealer)
    theirs = UnitFactory(model=van, status="dealer_stock", dealer=other_dealer)
    factory_unit = UnitFactory(model=van, status="built")
    wrong_model = UnitFactory(status="dealer_stock", dealer=dealer)
    response = api(seller).post(f"/api/v1/orders/{order['id']}/allocate/", {"line": line, "unit": theirs.pk})
    assert response.status_code == 400
    assert "unit" in response.json()["fields"]  # another dealer's unit "does not exist"
    assert api(seller).post(f"/api/v1/orders/{order['id']}/allocate/",
                            {"line": line, "unit": factory_unit.pk}).status_code == 400  # not visible to them
    response = api(seller).post(f"/api/v1/orders/{order['id']}/allocate/", {"line": line, "unit": wrong_model.pk})
    assert "the line is for a" in response.json()["fields"]["unit"][0]
    done = act(api, seller, order["id"], "allocate", {"line": line, "unit": own.pk})
    assert done["lines"][0]["unit_serial"] == own.serial
    assert api(hq_ops).post(f"/api/v1/orders/{order['id']}/allocate/",
                            {"line": line, "unit": factory_unit.pk}).status_code == 200  # HQ re-allocates


def test_a_unit_sits_on_one_live_line_and_cancelling_frees_it(api, seller, customer, van, hq_ops):
    unit = UnitFactory(model=van, status="built")
    first = retail_order(api, seller, customer, van)
    second = retail_order(api, seller, customer, van)
    act(api, hq_ops, first["id"], "allocate", {"line": first["lines"][0]["id"], "unit": unit.pk})
    taken = api(hq_ops).post(f"/api/v1/orders/{second['id']}/allocate/",
                             {"line": second["lines"][0]["id"], "unit": unit.pk})
    assert taken.status_code == 409
    assert f"already allocated to order O-{first['id']:06d}" in taken.json()["detail"]
    act(api, seller, first["id"], "cancel", {"reason": "Customer changed their mind"})
    act(api, hq_ops, second["id"], "allocate", {"line": second["lines"][0]["id"], "unit": unit.pk})
    assert OrderLine.objects.get(order_id=second["id"]).unit == unit


def test_cancellation_rules(api, seller, customer, van, hq_ops):
    order = retail_order(api, seller, customer, van)
    assert api(seller).post(f"/api/v1/orders/{order['id']}/cancel/", {}).status_code == 400
    act(api, seller, order["id"], "submit")
    act(api, hq_ops, order["id"], "confirm")
    late = api(seller).post(f"/api/v1/orders/{order['id']}/cancel/", {"reason": "x"})
    assert late.status_code == 409
    assert "only HQ can cancel" in late.json()["detail"]
    cancelled = act(api, hq_ops, order["id"], "cancel", {"reason": "Model discontinued"})
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "Model discontinued")
    assert all(m["at"] for m in cancelled["milestones"])  # the steps that will not happen are gone
    assert api(hq_ops).post(f"/api/v1/orders/{order['id']}/cancel/", {"reason": "x"}).status_code == 409


def test_shipping_needs_every_unit(api, seller, customer, van, hq_ops):
    order = retail_order(api, seller, customer, van)
    act(api, seller, order["id"], "submit")
    act(api, hq_ops, order["id"], "confirm")
    act(api, hq_ops, order["id"], "start-production")
    response = api(hq_ops).post(f"/api/v1/orders/{order['id']}/ship/")
    assert response.status_code == 409
    assert "Allocate a unit" in response.json()["detail"]


def test_a_stock_order_fills_the_dealers_yard(api, dealer, seller, van, hq_ops):
    response = api(seller).post("/api/v1/orders/", {"kind": "stock", "lines": [{"model": van.pk, "quantity": 1}]},
                                format="json")
    assert response.status_code == 201
    order = response.json()
    assert order["tracking_token"] is None
    unit = UnitFactory(model=van, status="planned")
    act(api, seller, order["id"], "submit")
    act(api, hq_ops, order["id"], "confirm")
    act(api, hq_ops, order["id"], "allocate", {"line": order["lines"][0]["id"], "unit": unit.pk})
    act(api, hq_ops, order["id"], "start-production")
    act(api, hq_ops, order["id"], "ship")
    act(api, seller, order["id"], "receive")
    act(api, seller, order["id"], "deliver")
    unit.refresh_from_db()
    assert (unit.status, unit.dealer, unit.owner) == ("dealer_stock", dealer, None)
    bad = api(seller).post("/api/v1/orders/", {"kind": "stock", "customer": 1, "lines": []}, format="json")
    assert bad.status_code == 400


def test_who_sees_and_moves_orders(api, dealer, other_dealer, seller, customer, van, hq_analyst):
    order = retail_order(api, seller, customer, van)
    assert api(staff(other_dealer, DealerRole.PRINCIPAL)).get(f"/api/v1/orders/{order['id']}/").status_code == 404
    assert api(staff(dealer, DealerRole.SERVICE)).get("/api/v1/orders/").json()["count"] == 0
    assert api(hq_analyst).get(f"/api/v1/orders/{order['id']}/").status_code == 200
    act(api, seller, order["id"], "submit")
    assert api(seller).post(f"/api/v1/orders/{order['id']}/confirm/").status_code == 403
    assert api(hq_analyst).post(f"/api/v1/orders/{order['id']}/confirm/").status_code == 403
    assert Order.objects.get(pk=order["id"]).status == "submitted"


def test_order_list_query_count(api, seller, customer, van, django_assert_max_num_queries):
    for _ in range(15):
        retail_order(api, seller, customer, van, quantity=2)
    with django_assert_max_num_queries(10):
        assert api(seller).get("/api/v1/orders/").json()["count"] == 15


def test_units_not_yet_sold_have_no_warranty(db):
    unit = UnitFactory(status="dealer_stock")
    assert not unit.in_warranty_on(timezone.localdate())
    assert Unit.objects.in_warranty_on(timezone.localdate()).count() == 0
