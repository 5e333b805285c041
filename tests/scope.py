"""What every API endpoint must do, checked for all of them (see tests/core/test_api_scope.py).

Each model behind a viewset is listed in exactly one of these:
- OUT_OF_REACH: how to make a row that a dealer principal of another dealer must not reach
  (their detail routes and actions then answer 404, as for an id that does not exist);
- SHARED: reference data every signed-in user reads (regions, the catalogue).
A new viewset whose model is in neither fails the check, so new endpoints get these tests for free.
"""

from core.models import Job
from dealers.choices import DealerRole
from dealers.models import Customer, Dealer, Region
from leads.models import Lead, RoutingPolicy
from tests.dealers.factories import staff
from vehicles.models import (
    Option,
    ProductLine,
    ProductModel,
    RepairOrder,
    ServiceContract,
    ServiceRequest,
    Unit,
    WarrantyClaim,
)


def _unit(dealer):
    from tests.vehicles.factories import UnitFactory

    return UnitFactory(status="dealer_stock", dealer=dealer)


def _repair(dealer):
    return RepairOrder.objects.create(unit=_unit(dealer), dealer=dealer, complaint="x", failure_date="2026-01-01",
                                      odometer_or_hours=1)

OUT_OF_REACH = {
    Dealer: lambda other_dealer: other_dealer,
    Customer: lambda other_dealer: Customer.objects.create(name="Far customer", email="far@example.com",
                                                           created_by_dealer=other_dealer),
    Job: lambda other_dealer: Job.objects.create(kind="test", created_by=staff(other_dealer, DealerRole.PRINCIPAL)),
    Unit: _unit,
    ServiceContract: lambda d: ServiceContract.objects.create(unit=_unit(d), kind="maintenance",
                                                              starts_on="2026-01-01", ends_on="2026-12-31"),
    ServiceRequest: lambda d: ServiceRequest.objects.create(unit=_unit(d), dealer=d, description="x"),
    RepairOrder: _repair,
    WarrantyClaim: lambda d: WarrantyClaim.objects.create(repair_order=(r := _repair(d)), unit=r.unit, dealer=d,
                                                          amount_claimed=10),
}

def _lead(dealer):
    from tests.leads.factories import LeadFactory

    return LeadFactory(dealer=dealer, status="assigned")


OUT_OF_REACH |= {
    Lead: _lead,
    RoutingPolicy: lambda dealer: RoutingPolicy.objects.create(name="HQ only"),
}

def _quote(dealer):
    from orders.models import Quote

    customer = Customer.objects.create(name="Far buyer", email="far.buyer@example.com", created_by_dealer=dealer)
    return Quote.objects.create(dealer=dealer, customer=customer, valid_until="2030-01-01")


def _order(dealer):
    from orders.models import Order

    return Order.objects.create(kind="stock", dealer=dealer)


from orders.models import Order, Quote  # noqa: E402  (after the helpers that use them lazily)

OUT_OF_REACH |= {Quote: _quote, Order: _order}

from settlements.models import CommissionRule, DealerTarget, IncentiveProgram, Statement  # noqa: E402

OUT_OF_REACH |= {
    Statement: lambda dealer: Statement.objects.create(dealer=dealer, period="2026-10"),
    CommissionRule: lambda dealer: CommissionRule.objects.create(percent=1, valid_from="2026-01-01"),
    IncentiveProgram: lambda dealer: IncentiveProgram.objects.create(name="x", kind="sla_bonus",
                                                                     starts_on="2026-01-01", ends_on="2026-02-01"),
    DealerTarget: lambda dealer: DealerTarget.objects.create(dealer=dealer, period="2026-10"),
}


SHARED = {Region, ProductLine, ProductModel, Option}

# Endpoints anyone may call without signing in.
PUBLIC_PREFIXES = ("api/v1/auth/token/", "api/v1/public/")
