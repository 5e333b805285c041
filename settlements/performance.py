"""Dealer performance for a month, computed with aggregate queries from the underlying rows, rolled
up to regions and the network, ranked, compared with targets, and traceable: every figure comes
with the API address of the rows it was counted from."""

import statistics
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from core.money import ZERO
from dealers.models import Dealer
from leads.models import Lead, LeadEvent, LeadExclusion
from orders.choices import OrderKind, OrderStatus
from orders.models import Order, OrderLine, Quote
from settlements import periods
from settlements.models import DealerTarget, TierThreshold
from vehicles.models import RepairOrder, WarrantyClaim

COUNTS = ("leads_received", "leads_accepted", "sla_breaches", "quotes", "orders", "units_delivered",
          "repair_orders", "warranty_claims")
TIER_ORDER = ["bronze", "silver", "gold", "platinum"]


def _by_dealer(queryset, field="dealer_id", **aggregate) -> dict:
    name, expression = next(iter(aggregate.items()))
    return dict(queryset.order_by().values(field).annotate(**{name: expression}).values_list(field, name))


def dealer_figures(period: str, dealers) -> list[dict]:
    """One row per dealer in `dealers` (a queryset already narrowed by visible_to)."""
    start, end = periods.bounds(period)
    dealer_list = list(dealers.select_related("region").order_by("code"))
    ids = [d.pk for d in dealer_list]
    within = {"gte": start, "lt": end}

    def between(field):
        return {f"{field}__gte": within["gte"], f"{field}__lt": within["lt"]}

    received = _by_dealer(LeadEvent.objects.filter(kind="status", to_status="assigned", dealer_id__in=ids,
                                                   **between("at")), n=Count("lead_id", distinct=True))
    accepted = _by_dealer(Lead.objects.filter(dealer_id__in=ids, **between("accepted_at")), n=Count("pk"))
    breaches = _by_dealer(LeadExclusion.objects.filter(dealer_id__in=ids, reason="lapsed", **between("at")),
                          n=Count("pk"))
    closed = {row["dealer_id"]: row for row in Lead.objects.filter(
        dealer_id__in=ids, status__in=["won", "lost"], **between("closed_at")).order_by().values("dealer_id")
        .annotate(won=Count("pk", filter=Q(status="won")), closed=Count("pk"))}
    quotes = _by_dealer(Quote.objects.filter(dealer_id__in=ids, **between("created_at")), n=Count("pk"))
    orders = _by_dealer(Order.objects.filter(dealer_id__in=ids, **between("created_at"))
                        .exclude(status__in=[OrderStatus.DRAFT, OrderStatus.CANCELLED]), n=Count("pk"))
    delivered = OrderLine.objects.filter(order__dealer_id__in=ids, order__status=OrderStatus.DELIVERED,
                                         **between("order__delivered_at"))
    units = _by_dealer(delivered, field="order__dealer_id", n=Count("pk"))
    revenue = _by_dealer(delivered.filter(order__kind=OrderKind.RETAIL), field="order__dealer_id",
                         s=Sum(F("gross") - F("discount")))
    repairs = _by_dealer(RepairOrder.objects.filter(dealer_id__in=ids, **between("created_at")), n=Count("pk"))
    claims = _by_dealer(WarrantyClaim.objects.filter(dealer_id__in=ids, **between("submitted_at")), n=Count("pk"))
    decided = {row["dealer_id"]: row for row in WarrantyClaim.objects.filter(
        dealer_id__in=ids, **between("decided_at")).order_by().values("dealer_id")
        .annotate(approved=Count("pk", filter=Q(status__in=["approved", "partially_approved", "settled"])),
                  decided=Count("pk"))}
    waits = _minutes(ids, start, end)
    targets = {t.dealer_id: t for t in DealerTarget.objects.filter(dealer_id__in=ids, period=period)}

    rows = []
    for dealer in dealer_list:
        won_closed = closed.get(dealer.pk, {"won": 0, "closed": 0})
        approved_decided = decided.get(dealer.pk, {"approved": 0, "decided": 0})
        accept, contact = waits["accept"].get(dealer.pk, []), waits["contact"].get(dealer.pk, [])
        row = {
            "dealer": dealer.pk, "dealer_code": dealer.code, "dealer_name": dealer.name, "tier": dealer.tier,
            "region": dealer.region_id, "region_name": dealer.region.name, "period": period,
            "leads_received": received.get(dealer.pk, 0), "leads_accepted": accepted.get(dealer.pk, 0),
            "median_minutes_to_accept": _median(accept), "median_minutes_to_contact": _median(contact),
            "sla_breaches": breaches.get(dealer.pk, 0),
            "leads_won": won_closed["won"], "leads_closed": won_closed["closed"],
            "conversion_rate": _rate(won_closed["won"], won_closed["closed"]),
            "quotes": quotes.get(dealer.pk, 0), "orders": orders.get(dealer.pk, 0),
            "units_delivered": units.get(dealer.pk, 0), "revenue": revenue.get(dealer.pk) or ZERO,
            "repair_orders": repairs.get(dealer.pk, 0), "warranty_claims": claims.get(dealer.pk, 0),
            "claims_approved": approved_decided["approved"], "claims_decided": approved_decided["decided"],
            "warranty_approval_rate": _rate(approved_decided["approved"], approved_decided["decided"]),
            "_accept": accept, "_contact": contact,
        }
        row["target"] = _against_target(row, targets.get(dealer.pk))
        row["links"] = links(dealer.pk, period)
        rows.append(row)
    rank(rows)
    return rows


def _minutes(ids, start, end) -> dict[str, dict[int, list[float]]]:
    """Minutes from offer to acceptance, and to first contact, of leads accepted in the period."""
    out = {"accept": defaultdict(list), "contact": defaultdict(list)}
    for dealer_id, assigned, accepted, contacted in Lead.objects.filter(
            dealer_id__in=ids, accepted_at__gte=start, accepted_at__lt=end, assigned_at__isnull=False).values_list(
            "dealer_id", "assigned_at", "accepted_at", "first_contact_at"):
        out["accept"][dealer_id].append(max(0.0, (accepted - assigned).total_seconds() / 60))
        if contacted:
            out["contact"][dealer_id].append(max(0.0, (contacted - assigned).total_seconds() / 60))
    return out


def _median(values) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _against_target(row: dict, target) -> dict | None:
    if target is None:
        return None
    return {
        "units": target.units, "revenue": target.revenue, "conversion_rate": float(target.conversion_rate),
        "units_achieved": _rate(row["units_delivered"], target.units),
        "revenue_achieved": _rate(float(row["revenue"]), float(target.revenue)),
    }


def monthly_trend(months: list[str], dealers) -> list[dict]:
    """Leads received and units delivered per month across `dealers`: two grouped queries, counted
    the same way as the per-dealer figures."""
    start, end = periods.bounds(months[0])[0], periods.bounds(months[-1])[1]
    ids = dealers.values("pk")
    leads = (LeadEvent.objects.filter(kind="status", to_status="assigned", dealer_id__in=ids, at__gte=start, at__lt=end)
             .annotate(month=TruncMonth("at")).order_by().values("month")
             .annotate(n=Count("lead_id", distinct=True)).values_list("month", "n"))
    units = (OrderLine.objects.filter(order__dealer_id__in=ids, order__status=OrderStatus.DELIVERED,
                                      order__delivered_at__gte=start, order__delivered_at__lt=end)
             .annotate(month=TruncMonth("order__delivered_at")).order_by().values("month")
             .annotate(n=Count("pk")).values_list("month", "n"))
    leads = {periods.of(at): n for at, n in leads}
    units = {periods.of(at): n for at, n in units}
    return [{"period": m, "leads": leads.get(m, 0), "units": units.get(m, 0)} for m in months]


def rank(rows: list[dict]) -> None:
    """Rank by revenue, then units delivered, then conversion (ties share a rank)."""
    def key(row):
        return (row["revenue"], row["units_delivered"], row["conversion_rate"] or 0)

    ordered = sorted(rows, key=key, reverse=True)
    previous, position = None, 0
    for index, row in enumerate(ordered, start=1):
        if key(row) != previous:
            position, previous = index, key(row)
        row["rank"] = position


def rollup(rows: list[dict], group: str) -> list[dict]:
    """Sum the counts, recompute the rates and medians from the underlying values, per region (or
    for the whole network with group=None)."""
    groups: dict = defaultdict(list)
    for row in rows:
        groups[(row[group], row[f"{group}_name"]) if group else ("network", "Network")].append(row)
    out = []
    for (key, name), members in groups.items():
        total = {field: sum(m[field] for m in members) for field in COUNTS}
        won, closed = sum(m["leads_won"] for m in members), sum(m["leads_closed"] for m in members)
        approved, decided = sum(m["claims_approved"] for m in members), sum(m["claims_decided"] for m in members)
        out.append({
            group or "scope": key, f"{group or 'scope'}_name": name, "dealers": len(members), **total,
            "revenue": sum((m["revenue"] for m in members), Decimal(0)),
            "median_minutes_to_accept": _median([v for m in members for v in m["_accept"]]),
            "median_minutes_to_contact": _median([v for m in members for v in m["_contact"]]),
            "conversion_rate": _rate(won, closed), "warranty_approval_rate": _rate(approved, decided),
        })
    rank(out)
    return sorted(out, key=lambda r: r["rank"])


def links(dealer_id: int, period: str) -> dict[str, str]:
    """Where each figure's rows can be listed (the same filters the lists offer)."""
    start, end = (t.isoformat() for t in periods.bounds(period))

    def url(path, prefix=None, **query):
        if prefix:
            query.update({f"{prefix}_after": start, f"{prefix}_before": end})
        return f"/api/v1/{path}/?{urlencode(query)}"

    d = {"dealer": dealer_id}
    return {
        "leads_received": url("leads", "received", received_by=dealer_id),
        "leads_accepted": url("leads", "accepted", **d),
        "sla_breaches": url("leads", "lapsed", lapsed_at=dealer_id),
        "conversion_rate": url("leads", "closed", **d),
        "quotes": url("quotes", "created", **d),
        "orders": url("orders", "created", **d),
        "units_delivered": url("orders", "delivered", **d, status="delivered"),
        "revenue": url("orders", "delivered", **d, kind="retail", status="delivered"),
        "repair_orders": url("repair-orders", "created", **d),
        "warranty_claims": url("warranty-claims", "submitted", **d),
        "warranty_approval_rate": url("warranty-claims", "decided", **d),
    }


def scorecard(dealer: Dealer, period: str, months: int = 3) -> dict:
    """The dealer's last months against its tier's threshold, with a recommendation when it stays
    above the next tier's threshold (upgrade) or below its own (downgrade) every month."""
    thresholds = {t.tier: t for t in TierThreshold.objects.all()}
    history, month = [], period
    for _ in range(months):
        row = dealer_figures(month, Dealer.objects.filter(pk=dealer.pk))[0]
        history.append({k: v for k, v in row.items() if not k.startswith("_")})
        month = periods.label(periods.parse(month) - timedelta(days=1))
    recommendation = None
    position = TIER_ORDER.index(dealer.tier)
    own = thresholds.get(dealer.tier)
    higher = thresholds.get(TIER_ORDER[position + 1]) if position + 1 < len(TIER_ORDER) else None

    def meets(row, threshold):
        return row["units_delivered"] >= threshold.min_units and (row["conversion_rate"] or 0) >= float(
            threshold.min_conversion_rate)

    if higher and all(meets(row, higher) for row in history):
        recommendation = {"action": "upgrade", "to": TIER_ORDER[position + 1]}
    elif own and position > 0 and not any(meets(row, own) for row in history):
        recommendation = {"action": "downgrade", "to": TIER_ORDER[position - 1]}
    return {"dealer": dealer.pk, "tier": dealer.tier, "months": history, "recommendation": recommendation,
            "thresholds": {t: {"min_units": th.min_units, "min_conversion_rate": float(th.min_conversion_rate)}
                           for t, th in thresholds.items()}}
