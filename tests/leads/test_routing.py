"""Routing: eligibility, scoring, fair ties, explanations, unroutable leads, simulation."""

import statistics

import pytest
from django.core import mail

from dealers.choices import DealerRole
from leads.models import Lead, LeadExclusion, RoutingDecision
from leads.routing import great_circle_km
from leads.services import lead_assign, route_leads, simulate
from tests.dealers.factories import staff
from tests.leads.conftest import make_dealer
from tests.leads.factories import LeadFactory


def test_great_circle_distance():
    # Shanghai to Beijing is about 1,067 km as the crow flies.
    assert great_circle_km(31.2304, 121.4737, 39.9042, 116.4074) == pytest.approx(1067, abs=5)
    assert great_circle_km(31.0, 121.0, 31.0, 121.0) == 0


def test_the_nearest_eligible_dealer_wins_when_all_else_is_equal(policy, trucks, shanghai_lead):
    near = make_dealer("near1", 31.25, 121.45, trucks)  # a few km away
    make_dealer("mid", 31.30, 120.60, trucks)  # Suzhou, ~80 km
    lead = shanghai_lead()
    outcome = route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert outcome.assigned == {lead.pk: near.pk}
    assert (lead.status, lead.dealer) == ("assigned", near)
    assert lead.sla_due_at is not None


def test_excluded_inactive_far_and_wrong_line_dealers_are_never_chosen(policy, trucks, shanghai_lead):
    from tests.vehicles.factories import ProductLineFactory

    rejected = make_dealer("rejected", 31.23, 121.47, trucks)
    make_dealer("closed", 31.23, 121.47, trucks, active=False)
    make_dealer("nosales", 31.23, 121.47, trucks, has_sales=False)
    make_dealer("tractors", 31.23, 121.47, ProductLineFactory(code="agri"))
    make_dealer("beijing", 39.90, 116.40, trucks)  # beyond 200 km
    fine = make_dealer("fine", 31.60, 121.20, trucks)
    lead = shanghai_lead()
    LeadExclusion.objects.create(lead=lead, dealer=rejected, reason="rejected")
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == fine
    decision = RoutingDecision.objects.get(lead=lead)
    assert [c["code"] for c in decision.candidates] == ["fine"]


def test_a_territory_covers_a_postal_code_beyond_the_distance(policy, trucks, shanghai_lead):
    far = make_dealer("far", 39.90, 116.40, trucks, territory="2000 2001")
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == far


def test_a_lead_nobody_can_take_stays_new_flagged_and_hq_is_told(policy, trucks, shanghai_lead, hq_ops,
                                                                 django_capture_on_commit_callbacks):
    make_dealer("beijing", 39.90, 116.40, trucks)
    lead = shanghai_lead()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert outcome.unroutable == [lead.pk]
    assert (lead.status, lead.unroutable, lead.dealer) == ("new", True, None)
    assert lead.events.filter(kind="unroutable").count() == 1
    assert [m.to for m in mail.outbox] == [[hq_ops.email]]
    assert lead.reference in mail.outbox[0].body


def test_capacity_shifts_load_to_the_dealer_with_room(policy, trucks, shanghai_lead):
    busy = make_dealer("busy", 31.23, 121.47, trucks, weekly_lead_capacity=10)
    roomy = make_dealer("roomy", 31.23, 121.47, trucks, weekly_lead_capacity=10)
    from django.utils import timezone

    for _ in range(8):  # busy was offered 8 leads this week
        LeadFactory(dealer=busy, status="accepted", assigned_at=timezone.now())
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == roomy
    factors = {c["code"]: c["factors"] for c in RoutingDecision.objects.get(lead=lead).candidates}
    assert factors["roomy"]["load"] > factors["busy"]["load"]


def test_equal_dealers_get_equal_shares_over_a_thousand_leads(policy, trucks, van):
    dealers = [make_dealer(f"twin{i}", 31.23, 121.47, trucks, weekly_lead_capacity=10_000) for i in range(4)]
    leads = LeadFactory.create_batch(1000, model=van, latitude=31.23, longitude=121.47)
    outcome = route_leads(by=None, lead_ids=[lead.pk for lead in leads])
    shares = [list(outcome.assigned.values()).count(d.pk) for d in dealers]
    assert sum(shares) == 1000
    assert max(shares) - min(shares) <= 0.1 * statistics.mean(shares), shares


def test_the_explanation_names_every_factor(policy, trucks, shanghai_lead, api, hq_ops):
    make_dealer("a", 31.25, 121.45, trucks, tier="gold")
    make_dealer("b", 31.30, 121.30, trucks, tier="platinum")
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    body = api(hq_ops).get(f"/api/v1/leads/{lead.pk}/routing/").json()
    assert len(body["candidates"]) == 2
    winner = next(c for c in body["candidates"] if c["winner"])
    assert set(winner["factors"]) == {"distance", "tier", "load", "conversion", "speed"}
    assert winner["total"] == pytest.approx(sum(winner["factors"].values()), abs=1e-3)
    assert winner["distance_km"] is not None
    assert body["candidates"][0]["winner"] is True


def test_a_lead_without_coordinates_is_placed_by_its_postal_code(policy, trucks, van):
    near = make_dealer("sh", 31.23, 121.47, trucks, postal_code="200120")
    make_dealer("bj", 39.90, 116.40, trucks, postal_code="100176")
    lead = LeadFactory(model=van, latitude=None, longitude=None, postal_code="200336")
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == near


def test_hq_reassigns_by_hand_and_grants_follow(policy, trucks, shanghai_lead, hq_ops):
    first = make_dealer("first", 31.23, 121.47, trucks)
    second = make_dealer("second", 31.5, 121.0, trucks)
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    first_manager = staff(first, DealerRole.SALES_MANAGER)
    second_manager = staff(second, DealerRole.SALES_MANAGER)
    assert first_manager.has_perm("leads.view_lead", lead)
    lead_assign(by=hq_ops, lead=lead, dealer=second)
    from dealers.models import User

    first_manager, second_manager = User.objects.get(pk=first_manager.pk), User.objects.get(pk=second_manager.pk)
    assert not first_manager.has_perm("leads.view_lead", lead)
    assert second_manager.has_perm("leads.change_lead", lead)
    assert RoutingDecision.objects.filter(lead=lead, manual=True, winner=second).exists()


def test_simulation_changes_nothing_and_compares_with_the_active_policy(policy, trucks, van, hq_ops):
    near = make_dealer("near", 31.23, 121.47, trucks, tier="bronze")
    platinum = make_dealer("plat", 31.60, 121.00, trucks, tier="platinum")
    leads = LeadFactory.create_batch(20, model=van, latitude=31.23, longitude=121.47)
    before = list(Lead.objects.values_list("pk", "status", "dealer_id"))
    result = simulate(by=hq_ops, lead_ids=[lead.pk for lead in leads],
                      policy_data={"name": "Tier first", "weight_distance": 0, "weight_tier": 1, "weight_load": 0,
                                   "weight_conversion": 0, "weight_speed": 0, "max_distance_km": 200})
    assert list(Lead.objects.values_list("pk", "status", "dealer_id")) == before
    assert not RoutingDecision.objects.exists()
    assert result["proposed"]["dealers"] == [{"dealer": platinum.pk, "code": "plat", "name": platinum.name,
                                              "count": 20, "share": 1.0}]
    assert {d["code"] for d in result["current"]["dealers"]} == {"near", "plat"}
    assert near.pk in {d["dealer"] for d in result["current"]["dealers"]}
