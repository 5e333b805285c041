"""Routing leads to dealers: in bulk, with grants, explanations and notifications (DESIGN.md 5)."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition
from dealers.roles import require_hq
from leads import grants, tasks
from leads.choices import WITH_DEALER, ExclusionReason, LeadEventKind, LeadStatus
from leads.models import DealerRoutingState, Lead, LeadEvent, LeadExclusion, RoutingDecision, RoutingPolicy
from leads.routing import LeadFacts, Network, Router, policy_from, sla_due

ROUTERS = ("hq_admin", "hq_ops")
CHUNK = 500


@dataclass
class RoutingOutcome:
    assigned: dict[int, int] = field(default_factory=dict)  # lead id -> dealer id
    unroutable: list[int] = field(default_factory=list)
    skipped: int = 0  # not new any more (someone else routed or closed them meanwhile)

    def as_dict(self) -> dict:
        return {"assigned": len(self.assigned), "unroutable": len(self.unroutable), "skipped": self.skipped,
                "by_dealer": dict(Counter(self.assigned.values()))}


def active_policy() -> RoutingPolicy | None:
    return RoutingPolicy.objects.filter(active=True).first()


def route_leads(*, by, lead_ids: Iterable[int], policy: RoutingPolicy | None = None,
                progress: Callable[[int], None] | None = None) -> RoutingOutcome:
    """Offer each `new` lead to the best eligible dealer. Works in chunks, each in its own
    transaction with the leads locked, so a batch interrupted half-way leaves only whole chunks
    done and routing again finishes it. Leads nobody can take stay `new`, flagged, and HQ is told."""
    policy = policy or active_policy()
    if policy is None:
        raise ValidationError(_("There is no active routing policy; HQ activates one first."))
    ids = sorted(set(lead_ids))
    outcome = RoutingOutcome()
    network = Network.load(timezone.now())
    for start in range(0, len(ids), CHUNK):
        _route_chunk(by, ids[start:start + CHUNK], policy, network, outcome)
        if progress:
            progress(min(99, (start + CHUNK) * 100 // max(1, len(ids))))
    return outcome


@transaction.atomic
def _route_chunk(by, ids: list[int], policy: RoutingPolicy, network: Network, outcome: RoutingOutcome) -> None:
    now = timezone.now()
    router = Router(policy, network, now)
    leads = list(Lead.objects.select_for_update(of=("self",)).filter(pk__in=ids, status=LeadStatus.NEW)
                 .select_related("model"))
    outcome.skipped += len(ids) - len(leads)
    excluded = _exclusions(ids)
    events, decisions, assigned, newly_flagged = [], [], [], []
    for lead in leads:
        lead.updated_at = now
        decision = router.decide(LeadFacts.of(lead, excluded.get(lead.pk, ())))
        decisions.append(RoutingDecision(lead=lead, policy=policy if policy.pk else None, actor=by,
                                         winner_id=decision.winner.id if decision.winner else None,
                                         candidates=decision.explanation()))
        if decision.winner is None:
            if not lead.unroutable:
                newly_flagged.append(lead)
            lead.unroutable = True
            outcome.unroutable.append(lead.pk)
            continue
        dealer = decision.winner
        lead.status, lead.dealer_id, lead.assigned_to = LeadStatus.ASSIGNED, dealer.id, None
        lead.assigned_at, lead.sla_due_at, lead.unroutable = now, sla_due(policy, dealer.tier, now), False
        lead.accepted_at = lead.first_contact_at = None
        assigned.append(lead)
        outcome.assigned[lead.pk] = dealer.id
        events.append(LeadEvent(lead=lead, actor=by, kind=LeadEventKind.STATUS, from_status=LeadStatus.NEW,
                                to_status=LeadStatus.ASSIGNED, dealer_id=dealer.id, at=now,
                                reason=_("Routed to %(code)s (score %(score).3f).")
                                % {"code": dealer.code, "score": decision.candidates[0].total}))
    events += [LeadEvent(lead=lead, actor=by, kind=LeadEventKind.UNROUTABLE, at=now, from_status=LeadStatus.NEW,
                         to_status=LeadStatus.NEW, reason=_("No eligible dealer: left new for HQ."))
               for lead in newly_flagged]
    Lead.objects.bulk_update(leads, ["status", "dealer", "assigned_to", "assigned_at", "sla_due_at", "unroutable",
                                     "accepted_at", "first_contact_at", "updated_at"])
    grants.regrant(assigned)
    LeadEvent.objects.bulk_create(events)
    RoutingDecision.objects.bulk_create(decisions)
    _remember_offers(assigned, now)
    for dealer_id, lead_ids in _by_dealer(assigned).items():
        tasks.notify_offers.delay_on_commit(dealer_id, lead_ids)
    if newly_flagged:
        tasks.notify_unroutable.delay_on_commit([lead.pk for lead in newly_flagged])


def _exclusions(lead_ids) -> dict[int, set[int]]:
    """The dealers each lead may not be offered to again, for many leads in one query."""
    excluded: dict[int, set[int]] = {}
    for lead_id, dealer_id in LeadExclusion.objects.filter(lead_id__in=lead_ids).values_list("lead_id", "dealer_id"):
        excluded.setdefault(lead_id, set()).add(dealer_id)
    return excluded


def _by_dealer(leads: list[Lead]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for lead in leads:
        grouped.setdefault(lead.dealer_id, []).append(lead.pk)
    return grouped


def _remember_offers(leads: list[Lead], now) -> None:
    """Persist when each dealer was last offered a lead, so round-robin holds across batches."""
    if leads:
        DealerRoutingState.objects.bulk_create(
            [DealerRoutingState(dealer_id=d, last_assigned_at=now) for d in {lead.dealer_id for lead in leads}],
            update_conflicts=True, unique_fields=["dealer"], update_fields=["last_assigned_at"],
        )


def start_routing_job(*, by, lead_ids: list[int]):
    """A large batch runs on a worker; the client polls /api/v1/jobs/{id}/."""
    from core.jobs import start_job

    require_hq(by, *ROUTERS)
    if active_policy() is None:
        raise ValidationError(_("There is no active routing policy; HQ activates one first."))
    return start_job(kind="route_leads", by=by, task=tasks.route_leads_job, params={"lead_ids": lead_ids})


@transaction.atomic
def lead_assign(*, by, lead: Lead, dealer) -> Lead:
    """HQ offers a lead to a dealer by hand (also taking it away from another dealer)."""
    require_hq(by, *ROUTERS)
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if not dealer.active or not dealer.has_sales:
        raise ValidationError({"dealer": [_("%(dealer)s does not take leads (inactive or no sales).")
                                          % {"dealer": dealer.code}]})
    if lead.status not in (LeadStatus.NEW, *WITH_DEALER) or lead.status == LeadStatus.QUOTED:
        raise InvalidTransition(_("This lead is %(status)s; it can no longer be reassigned.") % {"status": lead.status})
    if lead.dealer_id == dealer.pk and lead.status == LeadStatus.ASSIGNED:
        return lead
    now = timezone.now()
    policy = active_policy()
    previous = lead.dealer_id
    if previous and previous != dealer.pk:
        LeadExclusion.objects.get_or_create(lead=lead, dealer_id=previous,
                                            defaults={"reason": ExclusionReason.REASSIGNED})
    lead.dealer, lead.assigned_to, lead.assigned_at, lead.unroutable = dealer, None, now, False
    lead.accepted_at = lead.first_contact_at = None
    lead.sla_due_at = sla_due(policy, dealer.tier, now) if policy else None
    Lead.WORKFLOW.advance(lead, LeadStatus.ASSIGNED, by=by, action=_("be assigned"),
                          reason=_("Assigned to %(code)s by HQ.") % {"code": dealer.code},
                          extra_fields=["dealer", "assigned_to", "assigned_at", "unroutable", "accepted_at",
                                        "first_contact_at", "sla_due_at"])
    grants.regrant([lead])
    RoutingDecision.objects.create(lead=lead, policy=policy, actor=by, winner=dealer, manual=True,
                                   note=_("Assigned by hand."))
    _remember_offers([lead], now)
    tasks.notify_offers.delay_on_commit(dealer.pk, [lead.pk])
    return lead


def simulate(*, by, policy_data: dict, lead_ids: list[int]) -> dict:
    """How these leads would spread over dealers under `policy_data`, next to the active policy's
    spread. Nothing is written."""
    require_hq(by)
    leads = list(Lead.objects.visible_to(by).filter(pk__in=lead_ids).select_related("model"))
    excluded = _exclusions(lead_ids)
    facts = [LeadFacts.of(lead, excluded.get(lead.pk, ())) for lead in leads]
    result = {"leads": len(facts), "proposed": _spread(policy_from(policy_data), facts)}
    current = active_policy()
    result["current"] = _spread(current, facts) if current else None
    return result


def _spread(policy: RoutingPolicy, facts: list[LeadFacts]) -> dict:
    now = timezone.now()
    network = Network.load(now)
    router = Router(policy, network, now)
    counts: Counter[int] = Counter()
    unroutable = 0
    for lead in facts:
        decision = router.decide(lead)
        if decision.winner is None:
            unroutable += 1
        else:
            counts[decision.winner.id] += 1
    dealers = network.dealers
    return {
        "unroutable": unroutable,
        "dealers": [{"dealer": d, "code": dealers[d].code, "name": dealers[d].name, "count": n,
                     "share": round(n / len(facts), 4) if facts else 0.0} for d, n in counts.most_common()],
    }


@transaction.atomic
def policy_save(*, by, policy: RoutingPolicy, **fields) -> RoutingPolicy:
    """Create or change a routing policy; activating one deactivates the others (one is active)."""
    require_hq(by, *ROUTERS)
    if policy.pk:
        policy = RoutingPolicy.objects.select_for_update().get(pk=policy.pk)
    for name, value in fields.items():
        setattr(policy, name, value)
    if policy.active:
        RoutingPolicy.objects.select_for_update().filter(active=True).exclude(pk=policy.pk).update(active=False)
    if not policy.pk:
        policy.created_by = by
    policy.full_clean()
    policy.save()
    return policy
