"""The customer's tracking link: status, model, milestones, the dealer's name and phone — nothing
else — for the API and the page alike; unknown tokens are 404 without a hint; both throttled."""

import json

from rest_framework.throttling import ScopedRateThrottle

from orders.services.orders import order_confirm, order_create, order_submit


def tracked_order(dealer, customer, van, hq_ops, salesperson):
    order = order_create(by=salesperson, kind="retail", dealer=dealer, customer=customer,
                         lines=[{"model": van, "quantity": 1}])
    order_submit(by=salesperson, order=order)
    order_confirm(by=hq_ops, order=order, expected={"delivered": __import__("datetime").date(2027, 1, 15)})
    return order


def test_tracking_shows_the_journey_and_nothing_personal(api, dealer, customer, van, hq_ops, salesperson):
    order = tracked_order(dealer, customer, van, hq_ops, salesperson)
    response = api().get(f"/api/v1/public/tracking/{order.tracking_token}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"reference", "status", "model", "milestones", "dealer"}
    assert (body["status"], body["model"], body["dealer"]) == ("confirmed", "L300 panel van",
                                                               {"name": dealer.name, "phone": dealer.phone})
    assert [m["status"] for m in body["milestones"]] == [
        "submitted", "confirmed", "in_production", "shipped", "at_dealer", "delivered"]
    assert body["milestones"][-1] == {"status": "delivered", "at": None, "expected": "2027-01-15"}
    text = json.dumps(body)
    for secret in (customer.name, customer.email, str(customer.phone), str(order.total), "189840", "price"):
        assert secret not in text


def test_unknown_tokens_are_404_with_the_same_answer(api, dealer, customer, van, hq_ops, salesperson):
    order = tracked_order(dealer, customer, van, hq_ops, salesperson)
    answers = [api().get(f"/api/v1/public/tracking/{token}/") for token in
               ("nope", order.tracking_token[:-1], order.tracking_token + "x")]
    assert {(r.status_code, r.content) for r in answers} == {(404, b'{"detail":"Not found.","code":"not_found"}')}


def test_the_tracking_page(client, dealer, customer, van, hq_ops, salesperson):
    order = tracked_order(dealer, customer, van, hq_ops, salesperson)
    page = client.get(f"/track/{order.tracking_token}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Confirmed by the factory" in html
    assert dealer.phone in html
    assert customer.name not in html
    assert client.get("/track/unknown-token/").status_code == 404
    zh = client.get(f"/track/{order.tracking_token}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "工厂已确认" in zh


def test_tracking_is_throttled(client, api, dealer, customer, van, hq_ops, salesperson):
    order = tracked_order(dealer, customer, van, hq_ops, salesperson)
    limit = int(ScopedRateThrottle.THROTTLE_RATES["tracking"].split("/")[0])
    codes = [api().get(f"/api/v1/public/tracking/{order.tracking_token}/", REMOTE_ADDR="198.51.100.7").status_code
             for _ in range(limit + 1)]
    assert codes[-1] == 429
    assert set(codes[:-1]) == {200}
    # the page shares the same limit for the same client
    assert client.get(f"/track/{order.tracking_token}/", REMOTE_ADDR="198.51.100.7").status_code == 429
    assert client.get(f"/track/{order.tracking_token}/", REMOTE_ADDR="198.51.100.8").status_code == 200


def test_every_later_milestone_mails_the_customer(dealer, customer, van, hq_ops, salesperson,
                                                  django_capture_on_commit_callbacks):
    from django.core import mail

    from orders.services.orders import order_start_production

    with django_capture_on_commit_callbacks(execute=True):
        order = tracked_order(dealer, customer, van, hq_ops, salesperson)
        order_start_production(by=hq_ops, order=order)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"Your order {order.reference}: Confirmed", f"Your order {order.reference}: In production"]
