"""The router: which dealers may take a lead, how they score, who wins (DESIGN.md section 5).

Everything about the network is loaded once per batch in a handful of queries (`Network.load`);
deciding a lead is then pure computation, so a batch of a hundred thousand leads costs the same few
queries per chunk, never one query per lead per dealer. The same `Router` answers simulations.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from dealers.models import Dealer
from leads.choices import LeadStatus
from leads.models import DealerRoutingState, Lead, RoutingPolicy

TIER_SCORE = {"platinum": 1.0, "gold": 0.75, "silver": 0.5, "bronze": 0.25}
NEUTRAL = 0.5  # a dealer with no history yet is neither rewarded nor punished
FACTORS = ("distance", "tier", "load", "conversion", "speed")
TOP_CANDIDATES = 5


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@dataclass
class DealerFacts:
    id: int
    code: str
    name: str
    tier: str
    lat: float
    lng: float
    postal_code: str
    territory: tuple[str, ...]
    lines: set[int]
    capacity: int
    load: int = 0
    conversion: float | None = None
    accept_minutes: float | None = None
    last_assigned_at: datetime | None = None


@dataclass
class Candidate:
    dealer: DealerFacts
    distance_km: float | None
    factors: dict[str, float]
    total: float

    def explain(self, winner: bool) -> dict:
        return {"dealer": self.dealer.id, "code": self.dealer.code, "name": self.dealer.name,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
                "factors": {k: round(v, 4) for k, v in self.factors.items()}, "total": round(self.total, 4),
                "winner": winner}


@dataclass
class Decision:
    lead_id: int
    winner: DealerFacts | None
    candidates: list[Candidate] = field(default_factory=list)

    def explanation(self) -> list[dict]:
        return [c.explain(self.winner is not None and c.dealer.id == self.winner.id)
                for c in self.candidates[:TOP_CANDIDATES]]


@dataclass
class LeadFacts:
    id: int
    line_id: int
    lat: float | None
    lng: float | None
    postal_code: str
    excluded: frozenset[int] = frozenset()

    @classmethod
    def of(cls, lead: Lead, excluded=()) -> "LeadFacts":
        return cls(id=lead.pk, line_id=lead.model.product_line_id,
                   lat=float(lead.latitude) if lead.latitude is not None else None,
                   lng=float(lead.longitude) if lead.longitude is not None else None,
                   postal_code=(lead.postal_code or "").replace(" ", ""), excluded=frozenset(excluded))


class Network:
    """What the router needs to know about every dealer that sells, loaded in six queries."""

    def __init__(self, dealers: dict[int, DealerFacts]):
        self.dealers = dealers
        self._centroids: dict[str, tuple[float, float]] = {}
        for prefix_len in (3, 2):
            groups: dict[str, list[DealerFacts]] = {}
            for d in dealers.values():
                groups.setdefault(d.postal_code[:prefix_len], []).append(d)
            for prefix, members in groups.items():
                self._centroids.setdefault(prefix, (statistics.fmean(m.lat for m in members),
                                                    statistics.fmean(m.lng for m in members)))

    @classmethod
    def load(cls, now: datetime) -> "Network":
        rows = Dealer.objects.filter(active=True, has_sales=True).values(
            "pk", "code", "name", "tier", "latitude", "longitude", "postal_code", "territory", "weekly_lead_capacity")
        dealers = {r["pk"]: DealerFacts(
            id=r["pk"], code=r["code"], name=r["name"], tier=r["tier"], lat=float(r["latitude"]),
            lng=float(r["longitude"]), postal_code=r["postal_code"], territory=tuple(r["territory"].split()),
            lines=set(), capacity=r["weekly_lead_capacity"]) for r in rows}
        for dealer_id, line_id in Dealer.product_lines.through.objects.filter(dealer_id__in=dealers).values_list(
                "dealer_id", "productline_id"):
            dealers[dealer_id].lines.add(line_id)
        week_ago, quarter_ago = now - timedelta(days=7), now - timedelta(days=90)
        for dealer_id, n in (Lead.objects.filter(assigned_at__gte=week_ago, dealer_id__in=dealers)
                             .values("dealer_id").annotate(n=Count("pk")).values_list("dealer_id", "n")):
            dealers[dealer_id].load = n
        for dealer_id, won, closed in (
            Lead.objects.filter(closed_at__gte=quarter_ago, dealer_id__in=dealers,
                                status__in=[LeadStatus.WON, LeadStatus.LOST])
            .values("dealer_id").annotate(won=Count("pk", filter=Q(status=LeadStatus.WON)), closed=Count("pk"))
            .values_list("dealer_id", "won", "closed")
        ):
            dealers[dealer_id].conversion = won / closed
        waits: dict[int, list[float]] = {}
        for dealer_id, assigned, accepted in Lead.objects.filter(
                accepted_at__gte=quarter_ago, dealer_id__in=dealers, assigned_at__isnull=False).values_list(
                "dealer_id", "assigned_at", "accepted_at"):
            waits.setdefault(dealer_id, []).append(max(0.0, (accepted - assigned).total_seconds() / 60))
        for dealer_id, minutes in waits.items():
            dealers[dealer_id].accept_minutes = statistics.median(minutes)
        for dealer_id, at in DealerRoutingState.objects.filter(dealer_id__in=dealers).values_list(
                "dealer_id", "last_assigned_at"):
            dealers[dealer_id].last_assigned_at = at
        return cls(dealers)

    def locate(self, lead: LeadFacts) -> tuple[float, float] | None:
        """The lead's coordinates, or, when the enquiry gave none, the middle of the dealers that
        share its postal-code prefix (a district's dealers are where its buyers are)."""
        if lead.lat is not None and lead.lng is not None:
            return lead.lat, lead.lng
        for prefix_len in (3, 2):
            if lead.postal_code and (spot := self._centroids.get(lead.postal_code[:prefix_len])):
                return spot
        return None


class Router:
    def __init__(self, policy: RoutingPolicy, network: Network, now: datetime):
        self.policy = policy
        self.network = network
        self.now = now
        self.weights = {k: float(v) for k, v in policy.weights.items()}
        self._tick = 0

    def candidates(self, lead: LeadFacts) -> list[Candidate]:
        spot = self.network.locate(lead)
        max_km = float(self.policy.max_distance_km)
        found = []
        for dealer in self.network.dealers.values():
            if dealer.id in lead.excluded or lead.line_id not in dealer.lines:
                continue
            distance = great_circle_km(spot[0], spot[1], dealer.lat, dealer.lng) if spot else None
            in_territory = bool(lead.postal_code) and any(lead.postal_code.startswith(p) for p in dealer.territory)
            if not in_territory and (distance is None or distance > max_km):
                continue
            factors = {
                "distance": NEUTRAL if distance is None else max(0.0, 1 - distance / max_km),
                "tier": TIER_SCORE.get(dealer.tier, 0.0),
                "load": max(0.0, 1 - dealer.load / dealer.capacity) if dealer.capacity else 0.0,
                "conversion": NEUTRAL if dealer.conversion is None else dealer.conversion,
                "speed": NEUTRAL if dealer.accept_minutes is None else 1 / (1 + dealer.accept_minutes / 60),
            }
            contributions = {k: self.weights[k] * v for k, v in factors.items()}
            found.append(Candidate(dealer, distance, contributions, sum(contributions.values())))
        # Best score first; equal scores go to whoever was offered a lead longest ago (round-robin).
        found.sort(key=lambda c: (-round(c.total, 9), c.dealer.last_assigned_at or datetime.min.replace(
            tzinfo=self.now.tzinfo), c.dealer.id))
        return found

    def decide(self, lead: LeadFacts) -> Decision:
        found = self.candidates(lead)
        if not found:
            return Decision(lead.id, None, [])
        winner = found[0].dealer
        # Later leads of the same batch see this offer: the winner's load rises and it goes to the
        # back of the queue among equals.
        self._tick += 1
        winner.load += 1
        winner.last_assigned_at = self.now + timedelta(microseconds=self._tick)
        return Decision(lead.id, winner, found)


def sla_due(policy: RoutingPolicy, tier: str, now: datetime) -> datetime:
    return now + timedelta(hours=policy.sla_hours(tier))


def policy_from(data: dict) -> RoutingPolicy:
    """An unsaved policy for a simulation, from the fields HQ wants to try (defaults elsewhere)."""
    fields = {f.name for f in RoutingPolicy._meta.get_fields() if f.concrete}
    return RoutingPolicy(**{k: Decimal(str(v)) if k.startswith("weight_") else v
                            for k, v in data.items() if k in fields and k not in ("id", "active")})
