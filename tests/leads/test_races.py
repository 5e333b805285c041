"""Concurrent requests leave exactly one consistent outcome (real threads on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from core.errors import DomainError
from dealers.choices import DealerRole
from dealers.models import User
from leads.models import Lead, LeadEvent
from leads.services import lead_accept, lead_assign, route_leads
from tests.dealers.factories import HQUserFactory, staff
from tests.leads.conftest import make_dealer
from tests.leads.factories import LeadFactory, RoutingPolicyFactory
from tests.vehicles.factories import ProductLineFactory, ProductModelFactory

pytestmark = pytest.mark.postgres


def run_together(*calls):
    """Start the calls at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except DomainError as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def offer(transactional_db):
    RoutingPolicyFactory()
    line = ProductLineFactory()
    first = make_dealer("first", 31.23, 121.47, line)
    second = make_dealer("second", 31.40, 121.20, line)
    lead = LeadFactory(model=ProductModelFactory(product_line=line), latitude=31.23, longitude=121.47)
    route_leads(by=None, lead_ids=[lead.pk])
    return Lead.objects.get(pk=lead.pk), first, second


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_two_people_accepting_at_once(offer):
    lead, first, _ = offer
    a, b = staff(first, DealerRole.PRINCIPAL), staff(first, DealerRole.SALES_MANAGER)
    outcomes = run_together(lambda: lead_accept(by=fresh(a), lead=lead), lambda: lead_accept(by=fresh(b), lead=lead))
    assert sum(isinstance(o, Lead) for o in outcomes) == 1
    assert sum(isinstance(o, DomainError) and "is accepted" in o.message for o in outcomes) == 1
    assert LeadEvent.objects.filter(lead=lead, to_status="accepted").count() == 1


def test_hq_reassigning_while_the_dealer_accepts(offer):
    lead, first, second = offer
    manager, hq = staff(first, DealerRole.SALES_MANAGER), HQUserFactory()
    run_together(lambda: lead_accept(by=fresh(manager), lead=lead),
                 lambda: lead_assign(by=fresh(hq), lead=lead, dealer=second))
    lead.refresh_from_db()
    # Whichever came first, HQ's reassignment stands and only the second dealer holds the lead.
    assert (lead.status, lead.dealer) == ("assigned", second)
    assert lead.accepted_at is None
    assert not Lead.objects.visible_to(fresh(manager)).filter(pk=lead.pk).exists()
    assert Lead.objects.visible_to(fresh(staff(second, DealerRole.SALES_MANAGER))).filter(pk=lead.pk).exists()
    assert not fresh(manager).has_perm("leads.view_lead", lead)


def test_two_routing_batches_at_once_route_each_lead_once(transactional_db):
    RoutingPolicyFactory()
    line = ProductLineFactory()
    for i in range(3):
        make_dealer(f"d{i}", 31.23, 121.47, line, weekly_lead_capacity=1000)
    model = ProductModelFactory(product_line=line)
    ids = [LeadFactory(model=model, latitude=31.23, longitude=121.47).pk for _ in range(60)]
    outcomes = run_together(lambda: route_leads(by=None, lead_ids=ids), lambda: route_leads(by=None, lead_ids=ids))
    assert sum(len(o.assigned) for o in outcomes) == 60
    assert LeadEvent.objects.filter(to_status="assigned").count() == 60
    assert not Lead.objects.filter(status="new").exists()
