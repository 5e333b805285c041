"""Demo leads: an active routing policy and a few thousand leads over the last six months, routed by
the real router (so grants and explanations are real), then worked to every state."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from dealers.choices import DealerRole
from dealers.demo import demo_customers
from dealers.models import Dealer, Membership
from leads import grants
from leads.choices import ContactChannel, ExclusionReason, LeadEventKind, LeadSource, LeadStatus
from leads.models import Lead, LeadEvent, LeadExclusion, RoutingDecision, RoutingPolicy
from leads.services.routing import route_leads
from vehicles.models import ProductModel

COUNT = 3000
LOST_REASONS = ["Bought a competitor's model", "Price too high", "Project postponed", "No answer after 5 calls",
                "Financing refused"]


def seed(out, *, password: str) -> list:
    policy, _ = RoutingPolicy.objects.get_or_create(name="Nearest capable dealer", defaults={"active": True})
    RoutingPolicy.objects.get_or_create(name="Tier first (trial)", defaults={
        "active": False, "weight_distance": Decimal("0.25"), "weight_tier": Decimal("0.45"),
        "weight_load": Decimal("0.15"), "weight_conversion": Decimal("0.10"), "weight_speed": Decimal("0.05")})
    if Lead.objects.exists():
        out.write(f"  leads already there: {Lead.objects.count()}")
        return []
    rng = random.Random(311)
    now = timezone.now()
    dealers = list(Dealer.objects.filter(active=True, has_sales=True).prefetch_related("product_lines"))
    models = list(ProductModel.objects.filter(active=True))
    sellers_of = {m.pk: [d for d in dealers if m.product_line_id in {p.pk for p in d.product_lines.all()}]
                  for m in models}
    customers = demo_customers(2400, rng=rng, key="leads")
    leads = []
    for i in range(COUNT):
        model = rng.choice(models)
        near = rng.choice(sellers_of[model.pk] or dealers)
        remote = i % 97 == 0  # a few leads from where no dealer is (left new and flagged)
        leads.append(Lead(
            customer=rng.choice(customers), model=model, source=rng.choice(LeadSource.values),
            postal_code="850000" if remote else near.postal_code, country="CN",
            latitude=Decimal("29.65") if remote else near.latitude + Decimal(rng.uniform(-0.4, 0.4)).quantize(
                Decimal("0.000001")),
            longitude=Decimal("91.13") if remote else near.longitude + Decimal(rng.uniform(-0.4, 0.4)).quantize(
                Decimal("0.000001")),
            message=rng.choice(["", "Please call after 6pm", "Fleet purchase, 3 units", "Trade-in of an old unit"]),
            consent_at=now,
        ))
    Lead.objects.bulk_create(leads, batch_size=1000)
    route_leads(by=None, lead_ids=[lead.pk for lead in leads], policy=policy)
    _work_them(rng, now)
    out.write(f"  {Lead.objects.count()} leads: " + ", ".join(
        f"{s} {Lead.objects.filter(status=s).count()}" for s in LeadStatus.values))
    return []


def _work_them(rng, now) -> None:
    """Spread the leads over six months and move them on as dealers would."""
    sellers: dict[int, list[int]] = {}
    for dealer_id, user_id in Membership.objects.filter(role=DealerRole.SALES).values_list("dealer_id", "user_id"):
        sellers.setdefault(dealer_id, []).append(user_id)
    leads = list(Lead.objects.filter(status=LeadStatus.ASSIGNED))
    events, exclusions, delegated = [], [], []
    for lead in leads:
        created = now - timedelta(days=rng.uniform(0, 180), minutes=rng.randint(0, 600))
        lead.created_at = created
        lead.assigned_at = created + timedelta(minutes=rng.randint(1, 30))
        fate = rng.random()
        if created > now - timedelta(hours=20):
            lead.sla_due_at = lead.assigned_at + timedelta(hours=12)
            continue  # fresh offers still waiting in the inboxes
        if fate < 0.08:  # lapsed once before the current dealer got it
            other = rng.choice([d for d in sellers if d != lead.dealer_id])
            exclusions.append(LeadExclusion(lead=lead, dealer_id=other, reason=ExclusionReason.LAPSED))
        lead.accepted_at = lead.assigned_at + timedelta(minutes=rng.choice([15, 40, 90, 180, 400, 900]))
        lead.status = LeadStatus.ACCEPTED
        steps = [(LeadStatus.ASSIGNED, LeadStatus.ACCEPTED, lead.accepted_at)]
        if fate > 0.15:
            lead.first_contact_at = lead.accepted_at + timedelta(minutes=rng.randint(10, 1440))
            lead.status = LeadStatus.CONTACTED
            steps.append((LeadStatus.ACCEPTED, LeadStatus.CONTACTED, lead.first_contact_at))
            events.append(LeadEvent(lead=lead, kind=LeadEventKind.CONTACT, channel=rng.choice(ContactChannel.values),
                                    from_status=LeadStatus.CONTACTED, to_status=LeadStatus.CONTACTED,
                                    at=lead.first_contact_at, dealer_id=lead.dealer_id, reason="First call"))
        if fate > 0.45:
            lead.status = LeadStatus.QUOTED
            steps.append((LeadStatus.CONTACTED, LeadStatus.QUOTED, lead.first_contact_at + timedelta(days=2)))
        if fate > 0.6:
            lead.closed_at = lead.first_contact_at + timedelta(days=rng.randint(5, 40))
            outcome = LeadStatus.WON if fate > 0.8 else LeadStatus.LOST
            if outcome == LeadStatus.LOST:
                lead.lost_reason = rng.choice(LOST_REASONS)
            steps.append((lead.status, outcome, lead.closed_at))
            lead.status = outcome
        events += [LeadEvent(lead=lead, from_status=a, to_status=b, at=at, dealer_id=lead.dealer_id)
                   for a, b, at in steps]
        if fate > 0.3 and sellers.get(lead.dealer_id):
            lead.assigned_to_id = rng.choice(sellers[lead.dealer_id])
            delegated.append(lead)
    Lead.objects.bulk_update(leads, ["created_at", "assigned_at", "sla_due_at", "accepted_at", "first_contact_at",
                                     "closed_at", "status", "lost_reason", "assigned_to"], batch_size=1000)
    LeadExclusion.objects.bulk_create(exclusions, ignore_conflicts=True)
    LeadEvent.objects.bulk_create(events, batch_size=2000)
    grants.grant(delegated)  # the salesperson's own grant, beside the dealer desk's
    for i, lead in enumerate(Lead.objects.filter(status=LeadStatus.NEW)):
        fields = {"created_at": now - timedelta(days=rng.uniform(0, 10))}
        if i % 4 == 0:  # HQ threw out some test and spam enquiries
            fields.update(status=LeadStatus.DISQUALIFIED, closed_at=now, unroutable=False)
            LeadEvent.objects.create(lead=lead, from_status=LeadStatus.NEW, to_status=LeadStatus.DISQUALIFIED,
                                     reason="Test enquiry from the website team")
        Lead.objects.filter(pk=lead.pk).update(**fields)
    # The router wrote its events and explanations "now"; date them when the offers were made.
    offered_at = Subquery(Lead.objects.filter(pk=OuterRef("lead_id")).values("assigned_at")[:1])
    LeadEvent.objects.filter(kind=LeadEventKind.STATUS, to_status=LeadStatus.ASSIGNED).update(at=offered_at)
    RoutingDecision.objects.filter(lead__assigned_at__isnull=False).update(at=offered_at)
