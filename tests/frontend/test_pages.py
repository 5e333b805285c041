"""Every portal page answers for the people it is for, and 404 for rows out of their reach."""

from datetime import date
from decimal import Decimal

import pytest

from dealers.choices import DealerRole
from orders.models import Order, Quote
from settlements.models import Statement
from tests.dealers.factories import CustomerFactory, UserFactory, staff
from tests.leads.factories import LeadFactory, RoutingPolicyFactory
from tests.orders.factories import TaxRateFactory, discount_limits
from tests.vehicles.factories import ProductModelFactory, sold_unit
from vehicles.models import RepairOrder, WarrantyClaim


@pytest.fixture
def world(dealer, other_dealer):
    TaxRateFactory()
    discount_limits()
    RoutingPolicyFactory()
    model = ProductModelFactory()
    customer = CustomerFactory(created_by_dealer=dealer, account=UserFactory(username="buyer"))
    unit = sold_unit(dealer=dealer, owner=customer, delivered_on=date(2025, 5, 1))
    repair = RepairOrder.objects.create(unit=unit, dealer=dealer, complaint="Noise", failure_date=date(2025, 6, 1),
                                        odometer_or_hours=10, status="completed")
    far_unit = sold_unit(dealer=other_dealer, owner=CustomerFactory(), delivered_on=date(2025, 5, 1))
    far_repair = RepairOrder.objects.create(unit=far_unit, dealer=other_dealer, complaint="x",
                                            failure_date=date(2025, 6, 1), odometer_or_hours=10)
    return {
        "customer": customer, "unit": unit, "repair": repair, "model": model,
        "lead": LeadFactory(dealer=dealer, customer=customer, model=model, status="accepted"),
        "quote": Quote.objects.create(dealer=dealer, customer=customer, valid_until=date(2030, 1, 1)),
        "order": Order.objects.create(kind="retail", dealer=dealer, customer=customer),
        "claim": WarrantyClaim.objects.create(repair_order=repair, unit=unit, dealer=dealer,
                                              amount_claimed=Decimal("100"), status="submitted"),
        "statement": Statement.objects.create(dealer=dealer, period="2026-10"),
        "far": {
            "lead": LeadFactory(dealer=other_dealer, status="assigned"),
            "quote": Quote.objects.create(dealer=other_dealer, customer=far_unit.owner, valid_until=date(2030, 1, 1)),
            "order": Order.objects.create(kind="stock", dealer=other_dealer),
            "unit": far_unit, "repair": far_repair,
            "claim": WarrantyClaim.objects.create(repair_order=far_repair, unit=far_unit, dealer=other_dealer,
                                                  amount_claimed=Decimal("100")),
            "statement": Statement.objects.create(dealer=other_dealer, period="2026-10"),
            "customer": far_unit.owner,
        },
    }


def pages(w, side):
    return [f"/leads/{side['lead'].pk}/", f"/quotes/{side['quote'].pk}/", f"/quotes/{side['quote'].pk}/pdf/",
            f"/orders/{side['order'].pk}/", f"/units/{side['unit'].pk}/", f"/repairs/{side['repair'].pk}/",
            f"/claims/{side['claim'].pk}/", f"/customers/{side['customer'].pk}/"]


LISTS = ["/", "/leads/", "/customers/", "/quotes/", "/orders/", "/stock/", "/units/", "/units/?serial=ZZZ", "/claims/",
         "/service-requests/", "/settlements/", "/performance/", "/performance/scorecard/", "/network/dealers/"]


def test_hq_opens_every_page(client, world, hq_ops):
    client.force_login(hq_ops)
    for url in [*LISTS, *pages(world, world), *pages(world, world["far"]), "/leads/simulate/?days=30",
                f"/settlements/statements/{world['statement'].pk}/"]:
        assert client.get(url).status_code == 200, url


def test_a_principal_opens_their_pages_and_never_another_dealers(client, dealer, world):
    client.force_login(staff(dealer, DealerRole.PRINCIPAL))
    for url in [*LISTS, *pages(world, world), "/quotes/new/", f"/units/{world['unit'].pk}/repair/",
                f"/settlements/statements/{world['statement'].pk}/"]:
        assert client.get(url).status_code == 200, url
    for url in [*pages(world, world["far"]), f"/settlements/statements/{world['far']['statement'].pk}/",
                f"/settlements/statements/{world['far']['statement'].pk}/export.csv"]:
        assert client.get(url).status_code == 404, url


def test_a_service_advisor_does_not_see_sales_pages_content(client, dealer, world):
    client.force_login(staff(dealer, DealerRole.SERVICE))
    assert client.get(f"/units/{world['unit'].pk}/").status_code == 200
    assert client.get(f"/repairs/{world['repair'].pk}/").status_code == 200
    assert client.get(f"/leads/{world['lead'].pk}/").status_code == 404
    assert client.get(f"/quotes/{world['quote'].pk}/").status_code == 404


def test_the_customer_sees_their_units_and_asks_for_service(client, world):
    client.force_login(world["customer"].account)
    home = client.get("/").content.decode()
    assert world["unit"].serial in home
    response = client.post(f"/units/{world['unit'].pk}/service-request/", {"description": "Oil change"})
    assert response.status_code == 302
    assert world["unit"].service_requests.get().description == "Oil change"
    assert client.get(f"/units/{world['far']['unit'].pk}/service-request/").status_code == 404


def test_the_public_enquiry_form(client, world):
    page = client.get("/enquire/")
    assert page.status_code == 200
    assert 'for="id_consent"' in page.content.decode()
    bad = client.post("/enquire/", {"first_name": "Wei", "last_name": "Zhang", "postal_code": "200120",
                                    "model": world["model"].code})
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"email", "consent"}
    good = client.post("/enquire/", {"first_name": "Wei", "last_name": "Zhang", "postal_code": "200120",
                                     "model": world["model"].code, "phone": "13800138000", "consent": "on"},
                       follow=True)
    assert "Thank you" in good.content.decode()
    assert good.context["reference"].startswith("L")


def test_an_action_from_a_page_goes_through_the_service(client, dealer, world):
    client.force_login(staff(dealer, DealerRole.SALES_MANAGER))
    response = client.post(f"/leads/{world['lead'].pk}/contact/", {"channel": "phone", "note": "Called"},
                           follow=True)
    assert "Contact logged." in response.content.decode()
    world["lead"].refresh_from_db()
    assert world["lead"].status == "contacted"
    wrong = client.post(f"/leads/{world['lead'].pk}/accept/", follow=True)
    assert "is contacted" in wrong.content.decode()  # the service's 409 message, shown on the page


def test_the_builder_totals_use_the_quote_rules(client, dealer, world):
    """Live totals are the service's pricing: an option that does not fit the model is refused there too."""
    from tests.vehicles.factories import OptionFactory

    OptionFactory(code="tail-lift", model=ProductModelFactory(), price=Decimal("16500.00"))
    client.force_login(staff(dealer, DealerRole.SALES_MANAGER))
    ok = client.post("/quotes/preview/", {"rows": "1", "model_0": world["model"].pk, "quantity_0": "2",
                                          "discount_percent": "10"}).content.decode()
    assert "¥341,712.00" in ok  # 2 x 168,000 = 336,000, less 10 % = 302,400, plus 13 % tax
    assert "HQ must approve this discount" in ok  # gold may give 6 %
    refused = client.post("/quotes/preview/", {"rows": "1", "model_0": world["model"].pk, "quantity_0": "1",
                                               "options_0": "tail-lift"}).content.decode()
    assert "Not available for" in refused
    assert "¥" not in refused
