from decimal import Decimal

import pytest

from tests.dealers.factories import CustomerFactory
from tests.orders.factories import TaxRateFactory, discount_limits
from tests.vehicles.factories import OptionFactory, ProductModelFactory


@pytest.fixture(autouse=True)
def _pricing(db):
    TaxRateFactory()
    discount_limits()


@pytest.fixture
def van(db):
    return ProductModelFactory(code="l300-van", name="L300 panel van", list_price=Decimal("168000.00"),
                               warranty_months=36)


@pytest.fixture
def camera(van):
    return OptionFactory(code="rear-camera", name="Reversing camera", model=van, price=Decimal("1800.00"))


@pytest.fixture
def customer(dealer):
    return CustomerFactory(name="Zhang Wei", email="zhang.wei@example.com", created_by_dealer=dealer)


@pytest.fixture
def quote_payload(customer, van, camera):
    return {"customer": customer.pk, "lines": [{"model": van.pk, "options": ["rear-camera"], "quantity": 2}],
            "discount_percent": "3.00"}
