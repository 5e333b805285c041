"""What a dealer does with an offer: accept, reject, delegate, contact, lose; timeline and 409s."""

import pytest
from django.core import mail

from dealers.choices import DealerRole
from leads.models import Lead, LeadExclusion
from leads.services import route_leads
from tests.dealers.factories import staff
from tests.leads.conftest import make_dealer


@pytest.fixture
def offered(policy, trucks, shanghai_lead):
    """A lead offered to `first`; `second` is the next best dealer."""
    first = make_dealer("first", 31.23, 121.47, trucks)
    second = make_dealer("second", 31.40, 121.20, trucks)
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == first
    return lead, first, second


def test_the_whole_way_to_contacted_and_lost(api, offered):
    lead, first, _second = offered
    manager = staff(first, DealerRole.SALES_MANAGER)
    seller = staff(first, DealerRole.SALES)
    client = api(manager)
    assert client.post(f"/api/v1/leads/{lead.pk}/accept/").json()["status"] == "accepted"
    assert api(seller).get(f"/api/v1/leads/{lead.pk}/").status_code == 404  # not theirs yet
    assert client.post(f"/api/v1/leads/{lead.pk}/delegate/", {"user": seller.pk}).json()["assigned_to"] == seller.pk
    seller_client = api(seller)
    body = seller_client.post(f"/api/v1/leads/{lead.pk}/contact/", {"channel": "phone", "note": "Wants a test drive"})
    assert body.json()["status"] == "contacted"
    assert seller_client.post(f"/api/v1/leads/{lead.pk}/contact/", {"channel": "visit"}).json()["status"] == "contacted"
    lost = seller_client.post(f"/api/v1/leads/{lead.pk}/lose/", {"reason": "Bought a competitor's van"})
    assert lost.json()["status"] == "lost"
    timeline = seller_client.get(f"/api/v1/leads/{lead.pk}/timeline/").json()
    assert [(e["kind"], e["to_status"]) for e in timeline] == [
        ("status", "assigned"), ("status", "accepted"), ("delegated", "accepted"),
        ("status", "contacted"), ("contact", "contacted"), ("contact", "contacted"), ("status", "lost")]
    assert timeline[1]["actor"] == manager.username
    assert timeline[-1]["reason"] == "Bought a competitor's van"


def test_rejecting_excludes_the_dealer_and_routes_on(api, offered, django_capture_on_commit_callbacks):
    lead, first, second = offered
    staff(second, DealerRole.SALES_MANAGER, email="desk@second.example.com")
    manager = staff(first, DealerRole.PRINCIPAL)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(manager).post(f"/api/v1/leads/{lead.pk}/reject/", {"reason": "Outside our area"})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert (lead.status, lead.dealer) == ("assigned", second)
    assert LeadExclusion.objects.filter(lead=lead, dealer=first, reason="rejected").exists()
    assert api(manager).get(f"/api/v1/leads/{lead.pk}/").status_code == 404
    assert any("desk@second.example.com" in m.to for m in mail.outbox)


def test_illegal_steps_are_409_naming_the_state(api, offered):
    lead, first, _ = offered
    client = api(staff(first, DealerRole.SALES_MANAGER))
    response = client.post(f"/api/v1/leads/{lead.pk}/lose/", {"reason": "x"})
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert "is assigned" in response.json()["detail"]
    client.post(f"/api/v1/leads/{lead.pk}/accept/")
    second = client.post(f"/api/v1/leads/{lead.pk}/accept/")
    assert second.status_code == 409
    assert "is accepted" in second.json()["detail"]
    assert client.post(f"/api/v1/leads/{lead.pk}/reject/", {"reason": "late"}).status_code == 409


def test_bad_input_is_400_and_changes_nothing(api, offered):
    lead, first, second = offered
    client = api(staff(first, DealerRole.SALES_MANAGER))
    assert client.post(f"/api/v1/leads/{lead.pk}/reject/", {}).json()["fields"] == {
        "reason": ["This field is required."]}
    outsider = staff(second, DealerRole.SALES)
    response = client.post(f"/api/v1/leads/{lead.pk}/delegate/", {"user": outsider.pk})
    assert response.status_code == 400
    assert "salesperson of first" in response.json()["fields"]["user"][0]
    assert client.post(f"/api/v1/leads/{lead.pk}/contact/", {"channel": "pigeon"}).status_code == 400
    assert Lead.objects.get(pk=lead.pk).status == "assigned"


def test_roles_that_may_not_act(api, offered, hq_ops):
    lead, first, _ = offered
    service = staff(first, DealerRole.SERVICE)
    assert api(service).post(f"/api/v1/leads/{lead.pk}/accept/").status_code == 404  # service sees no leads
    seller = staff(first, DealerRole.SALES)
    assert api(seller).post(f"/api/v1/leads/{lead.pk}/accept/").status_code == 404
    assert api(staff(first, DealerRole.SALES_MANAGER)).post(
        f"/api/v1/leads/{lead.pk}/disqualify/", {"reason": "spam"}).status_code == 403
    assert api(hq_ops).post(f"/api/v1/leads/{lead.pk}/disqualify/", {"reason": "spam"}).json()["status"] == \
        "disqualified"


def test_quote_and_order_move_the_lead_to_quoted_and_won(offered, hq_ops):
    from types import SimpleNamespace

    from leads.services import lead_accept, lead_mark_quoted, lead_mark_won

    lead, first, _ = offered
    lead_accept(by=staff(first, DealerRole.SALES_MANAGER), lead=lead)
    lead_mark_quoted(by=None, lead=lead, quote=SimpleNamespace(reference="Q-000001"))
    lead.refresh_from_db()
    assert (lead.status, lead.first_contact_at is not None) == ("quoted", True)
    lead_mark_won(by=hq_ops, lead=lead, order=SimpleNamespace(reference="O-000001"))
    lead.refresh_from_db()
    assert lead.status == "won"
    assert lead.closed_at is not None
