"""A small network for routing: dealers around Shanghai selling one product line."""

from decimal import Decimal

import pytest

from tests.dealers.factories import DealerFactory
from tests.leads.factories import LeadFactory, RoutingPolicyFactory
from tests.vehicles.factories import ProductLineFactory, ProductModelFactory

SHANGHAI = (Decimal("31.2304"), Decimal("121.4737"))


@pytest.fixture
def trucks(db):
    return ProductLineFactory(code="light-trucks")


@pytest.fixture
def van(trucks):
    return ProductModelFactory(code="l300-van", product_line=trucks)


@pytest.fixture
def policy(db):
    return RoutingPolicyFactory(name="Default", max_distance_km=200)


def make_dealer(code, lat, lng, line, **fields):
    return DealerFactory(code=code, latitude=Decimal(str(lat)), longitude=Decimal(str(lng)), product_lines=[line],
                         **fields)


@pytest.fixture
def shanghai_lead(van):
    def make(**fields):
        return LeadFactory(model=van, latitude=SHANGHAI[0], longitude=SHANGHAI[1], postal_code="200000", **fields)

    return make
