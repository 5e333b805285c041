"""Whole journeys in a real browser, each leaving screenshots under test-output/screenshots/.

1. An enquiry on the public form is routed; the dealer accepts it, builds and sends a quote,
   converts it; HQ confirms, allocates and ships; the dealer hands over; the customer's tracking
   page shows every milestone.
2. A service advisor finds a unit by VIN and files a warranty claim that HQ approves.
3. Finance runs a month's settlement and approves a statement.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from dealers.choices import DealerRole
from orders.models import Order
from settlements.models import CommissionRule, Statement
from tests.dealers.factories import PASSWORD, CustomerFactory, DealerFactory, HQUserFactory, RegionAreaFactory, staff
from tests.frontend.conftest import click_and_wait, sign_in, step
from tests.leads.factories import RoutingPolicyFactory
from tests.orders.factories import TaxRateFactory, discount_limits
from tests.settlements.conftest import delivered_order
from tests.vehicles.factories import ProductLineFactory, ProductModelFactory, UnitFactory, sold_unit
from vehicles.models import WarrantyClaim

pytestmark = pytest.mark.browser


@pytest.fixture
def network(transactional_db):
    RegionAreaFactory(region__code="east", country="CN", postal_prefix="20")
    TaxRateFactory()
    discount_limits()
    RoutingPolicyFactory(name="Nearest")
    line = ProductLineFactory(code="light-trucks", name="Light trucks")
    van = ProductModelFactory(code="l300-van", name="L300 panel van", product_line=line,
                              list_price=Decimal("168000.00"), warranty_months=36)
    dealer = DealerFactory(code="sh01", name="Shanghai Hengtong Motors", latitude=Decimal("31.2304"),
                           longitude=Decimal("121.4737"), postal_code="200120", tier="gold", product_lines=[line])
    return {"dealer": dealer, "van": van, "line": line,
            "manager": staff(dealer, DealerRole.SALES_MANAGER, username="sh01.salesmgr"),
            "advisor": staff(dealer, DealerRole.SERVICE, username="sh01.service"),
            "hq": HQUserFactory(username="hq.ops", hq_role="hq_ops"),
            "finance": HQUserFactory(username="hq.finance", hq_role="hq_finance")}


def test_from_enquiry_to_handover(open_page, network):
    UnitFactory(model=network["van"], status="planned")  # the factory has one to build

    visitor = open_page("customer")
    visitor.goto(f"{visitor.base}/enquire/")
    visitor.get_by_label("First name").fill("Wei")
    visitor.get_by_label("Last name").fill("Zhang")
    visitor.get_by_label("Email").fill("zhang.wei@example.com")
    visitor.get_by_label("Postal code").fill("200120")
    visitor.get_by_label("Model you are interested in").select_option("l300-van")
    step(visitor, "enquiry-form")
    visitor.get_by_role("button", name="Send my enquiry").click()
    visitor.locator("#id_consent_error").wait_for()  # consent is required: the field says so
    step(visitor, "enquiry-needs-consent")
    visitor.get_by_label("I agree that a dealer contacts me about this enquiry.").check()
    visitor.get_by_role("button", name="Send my enquiry").click()
    visitor.get_by_role("heading", name="Thank you").wait_for()
    reference = visitor.locator(".reference").inner_text().strip()
    step(visitor, "enquiry-thanks")

    seller = open_page("dealer")
    sign_in(seller, "sh01.salesmgr", PASSWORD)
    seller.get_by_role("link", name="Leads", exact=True).click()
    seller.get_by_text(reference).wait_for()
    assert "left" in seller.locator("tbody").inner_text()  # the SLA countdown
    step(seller, "inbox")
    seller.get_by_role("link", name=reference).click()
    click_and_wait(seller, seller.get_by_role("button", name="Accept"), "Lead accepted")
    step(seller, "lead-accepted")

    seller.get_by_role("button", name="Build a quote").click()
    seller.wait_for_url("**/quotes/new/**")
    seller.locator("#totals").get_by_text("¥").first.wait_for()  # the lead's model, priced on arrival
    seller.get_by_label("Discount %").fill("1.5")
    seller.get_by_text("\u2212¥2,520.00").wait_for()  # minus 1.5 % of 168,000, priced by the server as typed
    seller.locator("#totals").get_by_text("¥").first.wait_for()  # live totals from the server
    assert "¥" in seller.locator("#totals").inner_text()
    step(seller, "quote-builder")
    click_and_wait(seller, seller.get_by_role("button", name="Save the quote"), "Quote saved as a draft")
    click_and_wait(seller, seller.get_by_role("button", name="Submit"), "Quote submitted")
    click_and_wait(seller, seller.get_by_role("button", name="Send to the customer"), "Quote sent to the customer")
    click_and_wait(seller, seller.get_by_role("button", name="The customer accepted"), "Quote accepted")
    step(seller, "quote-accepted")
    click_and_wait(seller, seller.get_by_role("button", name="Convert into an order"), "Order created")
    click_and_wait(seller, seller.get_by_role("button", name="Submit to HQ"), "Order submitted to HQ")
    order = Order.objects.get()
    step(seller, "order-submitted")

    hq = open_page("hq")
    sign_in(hq, "hq.ops", PASSWORD)
    hq.goto(f"{hq.base}/orders/{order.pk}/")
    click_and_wait(hq, hq.get_by_role("button", name="Confirm"), "Order confirmed")
    click_and_wait(hq, hq.get_by_role("button", name="Allocate"), "allocated")
    click_and_wait(hq, hq.get_by_role("button", name="Start production"), "Production started")
    click_and_wait(hq, hq.get_by_role("button", name="Ship"), "Shipped to the dealer")
    step(hq, "order-shipped")

    seller.goto(f"{seller.base}/orders/{order.pk}/")
    click_and_wait(seller, seller.get_by_role("button", name="Received"), "Received at the dealer")
    click_and_wait(seller, seller.get_by_role("button", name="Hand over"), "Handed over")
    step(seller, "order-delivered")

    order.refresh_from_db()
    assert order.status == "delivered"
    unit = order.lines.get().unit
    assert (unit.status, unit.owner.email) == ("sold", "zhang.wei@example.com")
    visitor.goto(f"{visitor.base}/track/{order.tracking_token}/")
    timeline = visitor.locator(".timeline").inner_text()
    for milestone in ("Order placed", "Confirmed by the factory", "In production", "On its way to your dealer",
                      "At your dealer", "Handed over"):
        assert milestone in timeline
    assert visitor.locator(".timeline li.done").count() == 6
    step(visitor, "tracking")


def test_a_warranty_claim_from_the_bay_to_hq(open_page, network):
    unit = sold_unit(dealer=network["dealer"], owner=CustomerFactory(name="Li Na"), months=36,
                     delivered_on=timezone.localdate() - timedelta(days=365), serial="LSGPC52U6AF102554")

    bay = open_page("bay", mobile=True)  # the service advisor works from a phone
    sign_in(bay, "sh01.service", PASSWORD)
    bay.get_by_label("VIN or serial number (or any part of it)").fill("lsgpc52u6af102554")
    bay.get_by_role("button", name="Find").click()
    bay.get_by_role("heading", name=unit.serial).wait_for()
    assert "In force today" in bay.content()
    step(bay, "unit")
    bay.get_by_role("button", name="Open a repair order").click()
    bay.get_by_label("Complaint").fill("Engine warning light")
    bay.get_by_label("Odometer (km) or hours").fill("23000")
    click_and_wait(bay, bay.get_by_role("button", name="Open the repair order"), "Repair order opened")
    bay.get_by_label("Labour or part").select_option("part")
    bay.get_by_label("Description").fill("NOx sensor")
    bay.get_by_label("Quantity or hours").fill("1")
    bay.get_by_label("Unit price").fill("1580.00")
    click_and_wait(bay, bay.get_by_role("button", name="Add", exact=True), "Line added")
    assert "Warranty" in bay.locator("tbody").inner_text()  # coverage shown on the line
    step(bay, "repair-order")
    click_and_wait(bay, bay.get_by_role("button", name="Start work"), "Repair order updated")
    click_and_wait(bay, bay.get_by_role("button", name="Complete"), "Repair order updated")
    click_and_wait(bay, bay.get_by_role("button", name="File a warranty claim"), "Warranty claim submitted to HQ")
    step(bay, "claim-submitted")

    claim = WarrantyClaim.objects.get()
    hq = open_page("hq")
    sign_in(hq, "hq.ops", PASSWORD)
    hq.get_by_role("link", name="Claims", exact=True).click()
    hq.get_by_role("link", name=claim.reference).click()
    step(hq, "claim-to-decide")
    click_and_wait(hq, hq.get_by_role("button", name="Approve"), "Claim approved")
    step(hq, "claim-approved")
    claim.refresh_from_db()
    assert (claim.status, claim.amount_approved) == ("approved", Decimal("1580.00"))


def test_finance_runs_and_approves_a_settlement(open_page, network):
    CommissionRule.objects.create(percent=Decimal("2.00"), valid_from=date(2020, 1, 1))
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    delivered_order(network["dealer"], network["van"], gross="168000.00",
                    delivered=last_month.replace(day=10).isoformat())

    finance = open_page("finance")
    sign_in(finance, "hq.finance", PASSWORD)
    finance.get_by_role("link", name="Settlements", exact=True).click()
    finance.get_by_label("Settle the month").select_option(f"{last_month:%Y-%m}")
    step(finance, "statements-empty")
    finance.get_by_role("button", name="Run the settlement").click()
    finance.get_by_text("Done.").wait_for()  # the progress page, refreshed until the job is done
    step(finance, "run-done")
    finance.get_by_role("button", name="Continue").click()
    finance.get_by_role("link", name="sh01 — Shanghai Hengtong Motors").click()
    assert "3,360.00" in finance.content()  # 2 % of 168,000
    step(finance, "statement")
    click_and_wait(finance, finance.get_by_role("button", name="Approve"), "Statement approved")
    step(finance, "statement-approved")
    assert Statement.objects.get().status == "approved"
    with finance.expect_download() as download:
        finance.get_by_role("button", name="Export CSV").click()
    assert "3360.00" in download.value.path().read_text(encoding="utf-8")
