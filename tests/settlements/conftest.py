from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order, OrderLine
from tests.dealers.factories import CustomerFactory, DealerFactory
from tests.vehicles.factories import ProductLineFactory, ProductModelFactory

D = Decimal


def at(day: str, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T{hour:02d}:00"))


def delivered_order(dealer, model, *, gross: str, discount: str = "0", delivered: str, status="delivered"):
    order = Order.objects.create(kind="retail", dealer=dealer, customer=CustomerFactory(), status=status,
                                 delivered_at=at(delivered), currency="CNY")
    OrderLine.objects.create(order=order, model=model, unit_price=D(gross), gross=D(gross), discount=D(discount),
                             tax=D("0"), total=D(gross) - D(discount))
    order.subtotal, order.discount_total = D(gross), D(discount)
    order.save()
    return order


@pytest.fixture
def network(db):
    trucks, agri = ProductLineFactory(code="trucks"), ProductLineFactory(code="agri")
    return {
        "a": DealerFactory(code="a-gold", tier="gold"),
        "b": DealerFactory(code="b-silver", tier="silver"),
        "truck": ProductModelFactory(product_line=trucks),
        "tractor": ProductModelFactory(product_line=agri),
        "trucks": trucks,
    }
