"""Quotes: prices from the catalogue, per-line rounding, approval by tier, versions, the
customer's link, expiry, conversion exactly once, the PDF."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from dealers.choices import DealerRole
from orders.models import Order, Quote
from orders.tasks import expire_quotes
from tests.dealers.factories import CustomerFactory, staff


def create(api, user, payload):
    response = api(user).post("/api/v1/quotes/", payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_quote_is_priced_from_the_catalogue_with_tax_and_discount(api, salesperson, quote_payload, dealer):
    body = create(api, salesperson, quote_payload)
    assert (body["dealer"], body["status"], body["version"], body["currency"]) == (dealer.pk, "draft", 1, "CNY")
    line = body["lines"][0]
    assert (line["unit_price"], line["options_price"], line["options"]) == ("168000.00", "1800.00", ["rear-camera"])
    # 2 x 169,800 = 339,600; 3 % discount 10,188; tax 13 % of 329,412 = 42,823.56
    assert (body["subtotal"], body["discount_total"], body["tax_total"], body["total"]) == (
        "339600.00", "10188.00", "42823.56", "372235.56")


def test_totals_add_up_rounded_lines(api, salesperson, customer):
    from tests.vehicles.factories import ProductModelFactory

    cheap = ProductModelFactory(list_price=Decimal("0.50"))
    lines = [{"model": cheap.pk, "quantity": 1} for _ in range(3)]
    body = create(api, salesperson, {"customer": customer.pk, "lines": lines})
    assert [li["tax"] for li in body["lines"]] == ["0.07", "0.07", "0.07"]  # 0.065 each, rounded half-up
    assert body["tax_total"] == "0.21"  # not round(1.50 x 13 %) = 0.20
    assert body["total"] == "1.71"


def test_bad_quote_input_changes_nothing(api, salesperson, customer, van, other_dealer):
    far_customer = CustomerFactory(created_by_dealer=other_dealer)
    response = api(salesperson).post("/api/v1/quotes/", {
        "customer": far_customer.pk, "discount_percent": "120",
        "lines": [{"model": van.pk, "quantity": 0, "options": ["gold-plating"]}]}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"customer", "discount_percent", "lines.0.quantity"}
    response = api(salesperson).post("/api/v1/quotes/", {
        "customer": customer.pk, "lines": [{"model": van.pk, "quantity": 1, "options": ["gold-plating"]}]},
        format="json")
    assert response.json()["fields"] == {"lines.0.options": ["Not available for l300-van: gold-plating."]}
    assert not Quote.objects.exists()


def test_no_tax_rate_for_the_country_is_a_clear_error(api, salesperson, quote_payload):
    from orders.models import TaxRate

    TaxRate.objects.all().delete()
    response = api(salesperson).post("/api/v1/quotes/", quote_payload, format="json")
    assert response.status_code == 400
    assert "No tax rate is configured for CN" in response.json()["detail"]


@pytest.mark.parametrize(
    ("tier", "discount", "expected"),
    [("platinum", "8.00", "approved"), ("platinum", "8.01", "pending_approval"), ("gold", "6.00", "approved"),
     ("gold", "7.00", "pending_approval"), ("silver", "4.00", "approved"), ("silver", "5.00", "pending_approval"),
     ("bronze", "2.00", "approved"), ("bronze", "2.50", "pending_approval")],
)
def test_the_tier_decides_what_discount_needs_hq(api, dealer, quote_payload, tier, discount, expected):
    dealer.tier = tier
    dealer.save()
    seller = staff(dealer, DealerRole.SALES)
    quote = create(api, seller, {**quote_payload, "discount_percent": discount})
    assert api(seller).post(f"/api/v1/quotes/{quote['id']}/submit/").json()["status"] == expected


def test_hq_approves_or_declines_a_big_discount(api, salesperson, quote_payload, hq_ops, hq_analyst):
    quote = create(api, salesperson, {**quote_payload, "discount_percent": "10"})
    api(salesperson).post(f"/api/v1/quotes/{quote['id']}/submit/")
    assert api(salesperson).post(f"/api/v1/quotes/{quote['id']}/approve/").status_code == 403
    assert api(hq_analyst).post(f"/api/v1/quotes/{quote['id']}/approve/").status_code == 403
    declined = api(hq_ops).post(f"/api/v1/quotes/{quote['id']}/decline-approval/", {"reason": "Too deep for silver"})
    assert declined.json()["status"] == "draft"
    api(salesperson).post(f"/api/v1/quotes/{quote['id']}/submit/")
    assert api(hq_ops).post(f"/api/v1/quotes/{quote['id']}/approve/").json()["status"] == "approved"
    again = api(hq_ops).post(f"/api/v1/quotes/{quote['id']}/approve/")
    assert again.status_code == 409
    assert "is approved" in again.json()["detail"]


def sent_quote(api, seller, payload, django_capture_on_commit_callbacks):
    quote = create(api, seller, payload)
    api(seller).post(f"/api/v1/quotes/{quote['id']}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        response = api(seller).post(f"/api/v1/quotes/{quote['id']}/send/")
    assert response.json()["status"] == "sent", response.json()
    return response.json()


def test_sending_mails_the_customer_a_link_and_an_edit_makes_a_new_version(
        api, salesperson, quote_payload, django_capture_on_commit_callbacks):
    quote = sent_quote(api, salesperson, quote_payload, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["zhang.wei@example.com"]
    token = Quote.objects.get(pk=quote["id"]).accept_token
    assert f"/quote/{token}/" in mail.outbox[-1].body
    assert "372,235.56" in mail.outbox[-1].body

    changed = api(salesperson).patch(f"/api/v1/quotes/{quote['id']}/", {"discount_percent": "1.00"}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["version"], changed.json()["status"]) == (2, "draft")
    versions = api(salesperson).get(f"/api/v1/quotes/{quote['id']}/versions/").json()
    assert [v["version"] for v in versions] == [1]
    assert versions[0]["snapshot"]["total"] == "372235.56"
    assert versions[0]["snapshot"]["discount_percent"] == "3.00"


def test_the_customer_accepts_through_the_link(client, api, salesperson, quote_payload,
                                               django_capture_on_commit_callbacks):
    quote = sent_quote(api, salesperson, quote_payload, django_capture_on_commit_callbacks)
    token = Quote.objects.get(pk=quote["id"]).accept_token
    page = client.get(f"/quote/{token}/")
    assert page.status_code == 200
    assert "Accept this quote" in page.content.decode()
    client.post(f"/quote/{token}/", {"answer": "accept"})
    assert Quote.objects.get(pk=quote["id"]).status == "accepted"
    assert client.get("/quote/not-a-token/").status_code == 404
    assert api().get(f"/api/v1/public/quotes/{token}/").json()["status"] == "accepted"


def test_quotes_expire_and_cannot_be_accepted_late(api, salesperson, quote_payload, time_machine,
                                                   django_capture_on_commit_callbacks):
    quote = sent_quote(api, salesperson, {**quote_payload, "valid_until": str(timezone.localdate())},
                       django_capture_on_commit_callbacks)
    time_machine.move_to(timezone.now() + timedelta(days=2))
    late = api(salesperson).post(f"/api/v1/quotes/{quote['id']}/accept/")
    assert late.status_code == 409
    assert "expired" in late.json()["detail"]
    assert Quote.objects.get(pk=quote["id"]).status == "expired"
    other = sent_quote(api, salesperson, {**quote_payload, "valid_until": str(timezone.localdate())},
                       django_capture_on_commit_callbacks)
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert expire_quotes() == 1
    assert Quote.objects.get(pk=other["id"]).status == "expired"


def test_an_accepted_quote_converts_once(api, salesperson, quote_payload, django_capture_on_commit_callbacks):
    quote = sent_quote(api, salesperson, quote_payload, django_capture_on_commit_callbacks)
    assert api(salesperson).post(f"/api/v1/quotes/{quote['id']}/convert/").status_code == 409  # not accepted yet
    api(salesperson).post(f"/api/v1/quotes/{quote['id']}/accept/")
    order = api(salesperson).post(f"/api/v1/quotes/{quote['id']}/convert/")
    assert order.status_code == 201
    body = order.json()
    assert (body["kind"], body["status"], body["quote"]) == ("retail", "draft", quote["id"])
    assert len(body["lines"]) == 2  # one line per unit
    assert body["total"] == quote["total"]
    second = api(salesperson).post(f"/api/v1/quotes/{quote['id']}/convert/")
    assert second.status_code == 409
    assert second.json()["code"] == "already_converted"
    assert Order.objects.count() == 1


def test_the_quote_pdf_says_what_the_dealer_would_send(api, salesperson, quote_payload, dealer):
    quote = create(api, salesperson, quote_payload)
    response = api(salesperson).get(f"/api/v1/quotes/{quote['id']}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    for expected in (f"Quote Q-{quote['id']:06d}", dealer.name, "Zhang Wei", "L300 panel van", "Reversing camera",
                     "CNY 372,235.56", "Tax (13.00 %)"):
        assert expected in text, expected
    chinese = api(salesperson).get(f"/api/v1/quotes/{quote['id']}/pdf/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "报价单" in "\n".join(p.extract_text() for p in PdfReader(BytesIO(chinese.content)).pages)


def test_who_sees_and_works_quotes(api, dealer, other_dealer, quote_payload, hq_analyst):
    quote = create(api, staff(dealer, DealerRole.SALES), quote_payload)
    assert api(staff(dealer, DealerRole.SERVICE)).get("/api/v1/quotes/").json()["count"] == 0
    assert api(staff(other_dealer, DealerRole.PRINCIPAL)).get(f"/api/v1/quotes/{quote['id']}/").status_code == 404
    assert api(hq_analyst).get(f"/api/v1/quotes/{quote['id']}/").status_code == 200
    assert api(hq_analyst).post(f"/api/v1/quotes/{quote['id']}/send/").status_code == 403
    assert api(hq_analyst).post("/api/v1/quotes/", quote_payload, format="json").status_code == 400  # no own dealer


def test_sending_a_quote_for_a_lead_marks_it_quoted(api, dealer, customer, van, quote_payload,
                                                    django_capture_on_commit_callbacks):
    from tests.leads.factories import LeadFactory

    lead = LeadFactory(dealer=dealer, customer=customer, model=van, status="accepted")
    manager = staff(dealer, DealerRole.SALES_MANAGER)
    sent_quote(api, manager, {**quote_payload, "lead": lead.pk}, django_capture_on_commit_callbacks)
    lead.refresh_from_db()
    assert lead.status == "quoted"
