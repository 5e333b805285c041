"""The leads API: who lists what, filters, routing in bulk as a job (in-process and on a real worker)."""

import pytest

from core.models import Job
from dealers.choices import DealerRole
from leads.models import Lead, RoutingPolicy
from tests.conftest import wait_for
from tests.dealers.factories import staff
from tests.leads.conftest import make_dealer
from tests.leads.factories import LeadFactory


def test_lists_by_role(api, dealer, other_dealer, hq_analyst):
    mine = LeadFactory(dealer=dealer, status="assigned")
    LeadFactory(dealer=other_dealer, status="assigned")
    given = LeadFactory(dealer=dealer, status="accepted")
    seller = staff(dealer, DealerRole.SALES)
    given.assigned_to = seller
    given.save()

    def ids(user, query=""):
        return {r["id"] for r in api(user).get(f"/api/v1/leads/{query}").json()["results"]}

    assert len(ids(hq_analyst)) == 3
    assert ids(staff(dealer, DealerRole.SALES_MANAGER)) == {mine.pk, given.pk}
    assert ids(seller) == {given.pk}
    assert ids(staff(dealer, DealerRole.SERVICE)) == set()
    assert ids(staff(dealer, DealerRole.SALES_MANAGER), "?status=accepted") == {given.pk}
    assert api(staff(dealer, DealerRole.SALES_MANAGER)).get("/api/v1/leads/").json()["count"] == 2


def test_search_and_date_filters(api, hq_ops, van):
    a = LeadFactory(customer__name="Zhang Wei", customer__phone="+8613800138000", model=van)
    LeadFactory(customer__name="Li Na")
    client = api(hq_ops)
    assert [r["id"] for r in client.get("/api/v1/leads/?q=zhang").json()["results"]] == [a.pk]
    assert [r["id"] for r in client.get("/api/v1/leads/?q=0013 8000").json()["results"]] == [a.pk]
    assert client.get("/api/v1/leads/?created_after=2999-01-01T00:00:00Z").json()["count"] == 0
    assert client.get("/api/v1/leads/?status=nonsense").status_code == 400


def test_lead_list_query_count_does_not_grow(api, dealer, django_assert_max_num_queries):
    manager = staff(dealer, DealerRole.SALES_MANAGER)
    LeadFactory.create_batch(30, dealer=dealer, status="assigned")
    with django_assert_max_num_queries(6):
        assert api(manager).get("/api/v1/leads/").json()["count"] == 30


def test_routing_explanation_is_for_hq(api, policy, trucks, shanghai_lead):
    dealer = make_dealer("sh", 31.23, 121.47, trucks)
    lead = shanghai_lead()
    from leads.services import route_leads

    route_leads(by=None, lead_ids=[lead.pk])
    assert api(staff(dealer, DealerRole.PRINCIPAL)).get(f"/api/v1/leads/{lead.pk}/routing/").status_code == 403


def test_policies_one_active_and_hq_only(api, hq_ops, salesperson):
    client = api(hq_ops)
    a = client.post("/api/v1/routing/policies/", {"name": "A", "active": True}).json()
    b = client.post("/api/v1/routing/policies/", {"name": "B", "active": True, "weight_tier": "0.9"}).json()
    assert b["active"] is True
    assert RoutingPolicy.objects.get(pk=a["id"]).active is False
    assert api(salesperson).get("/api/v1/routing/policies/").json()["count"] == 0
    assert api(salesperson).post("/api/v1/routing/policies/", {"name": "C"}).status_code == 403
    assert client.post("/api/v1/routing/policies/", {"name": "D", "weight_load": "-1"}).status_code == 400


def test_a_small_batch_routes_at_once(api, hq_ops, policy, trucks, shanghai_lead):
    dealer = make_dealer("sh", 31.23, 121.47, trucks)
    leads = [shanghai_lead() for _ in range(3)]
    body = api(hq_ops).post("/api/v1/leads/route/", {"lead_ids": [lead.pk for lead in leads]}, format="json").json()
    assert body == {"assigned": 3, "unroutable": 0, "skipped": 0, "by_dealer": {str(dealer.pk): 3}}


def test_a_large_batch_runs_as_a_job(api, hq_ops, policy, trucks, van, django_capture_on_commit_callbacks):
    make_dealer("sh", 31.23, 121.47, trucks, weekly_lead_capacity=500)
    LeadFactory.create_batch(120, model=van, latitude=31.23, longitude=121.47)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(hq_ops).post("/api/v1/leads/route/", {"status": "new"}, format="json")
    assert response.status_code == 202
    job = api(hq_ops).get(f"/api/v1/jobs/{response.json()['job']}/").json()
    assert (job["status"], job["progress"], job["result"]["assigned"]) == ("succeeded", 100, 120)
    assert not Lead.objects.filter(status="new").exists()


def test_routing_needs_an_active_policy(api, hq_ops, van):
    lead = LeadFactory(model=van)
    response = api(hq_ops).post("/api/v1/leads/route/", {"lead_ids": [lead.pk]}, format="json")
    assert response.status_code == 400
    assert "no active routing policy" in response.json()["detail"]


def test_simulate_endpoint(api, hq_ops, policy, trucks, van, salesperson):
    make_dealer("sh", 31.23, 121.47, trucks)
    leads = LeadFactory.create_batch(5, model=van, latitude=31.23, longitude=121.47)
    payload = {"policy": {"name": "Try", "max_distance_km": 10}, "lead_ids": [lead.pk for lead in leads]}
    body = api(hq_ops).post("/api/v1/routing/simulate/", payload, format="json").json()
    assert body["leads"] == 5
    assert body["proposed"]["dealers"][0]["count"] == 5
    assert api(salesperson).post("/api/v1/routing/simulate/", payload, format="json").status_code == 403


@pytest.mark.redis
@pytest.mark.postgres
def test_a_batch_routes_on_a_real_worker(celery_worker, api):
    from tests.dealers.factories import HQUserFactory
    from tests.leads.factories import RoutingPolicyFactory
    from tests.vehicles.factories import ProductLineFactory, ProductModelFactory

    RoutingPolicyFactory()
    line = ProductLineFactory()
    for i in range(2):
        make_dealer(f"w{i}", 31.23, 121.47, line, weekly_lead_capacity=1000)
    model = ProductModelFactory(product_line=line)
    for _ in range(80):
        LeadFactory(model=model, latitude=31.23, longitude=121.47)
    hq = HQUserFactory()
    response = api(hq).post("/api/v1/leads/route/", {"status": "new"}, format="json")
    assert response.status_code == 202
    job = wait_for(lambda: Job.objects.filter(pk=response.json()["job"], status="succeeded").first())
    assert job.result["assigned"] == 80
    assert Lead.objects.filter(status="assigned").count() == 80
