"""Converting twice and allocating one unit twice, at the same moment (PostgreSQL)."""

import pytest

from dealers.choices import DealerRole
from dealers.models import User
from orders.models import Order, OrderLine
from orders.services.orders import order_allocate, order_create
from orders.services.quotes import quote_accept, quote_convert, quote_create, quote_send, quote_submit
from tests.dealers.factories import CustomerFactory, DealerFactory, HQUserFactory, staff
from tests.leads.test_races import run_together
from tests.orders.factories import TaxRateFactory, discount_limits
from tests.vehicles.factories import ProductModelFactory, UnitFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def setting(transactional_db):
    TaxRateFactory()
    discount_limits()
    dealer = DealerFactory()
    return dealer, staff(dealer, DealerRole.SALES_MANAGER), CustomerFactory(created_by_dealer=dealer), \
        ProductModelFactory()


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_two_conversions_at_once_make_one_order(setting):
    dealer, seller, customer, model = setting
    quote = quote_create(by=seller, dealer=dealer, customer=customer, lines=[{"model": model, "quantity": 1}])
    quote_submit(by=seller, quote=quote)
    quote_send(by=seller, quote=quote)
    quote_accept(by=seller, quote=quote)
    outcomes = run_together(lambda: quote_convert(by=fresh(seller), quote=quote),
                            lambda: quote_convert(by=fresh(seller), quote=quote))
    assert sum(isinstance(o, Order) for o in outcomes) == 1
    assert [getattr(o, "code", None) for o in outcomes if not isinstance(o, Order)] == ["already_converted"]
    assert Order.objects.filter(quote=quote).count() == 1


def test_two_allocations_of_one_unit_at_once(setting):
    dealer, seller, customer, model = setting
    unit = UnitFactory(model=model, status="built")
    orders = [order_create(by=seller, kind="retail", dealer=dealer, customer=customer,
                           lines=[{"model": model, "quantity": 1}]) for _ in range(2)]
    hq = HQUserFactory()
    outcomes = run_together(*[
        (lambda o=o: order_allocate(by=fresh(hq), order=o, line=o.lines.get(), unit=unit)) for o in orders])
    assert sum(isinstance(o, OrderLine) for o in outcomes) == 1
    assert [getattr(o, "code", None) for o in outcomes if not isinstance(o, OrderLine)] == ["unit_taken"]
    assert OrderLine.objects.filter(unit=unit, is_live=True).count() == 1
