"""HQ's dashboard: where leads, orders and claims stand right now, and how the regions move."""

import json
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.choices import Tier
from dealers.models import Region
from leads.choices import LeadStatus
from leads.models import Lead, LeadExclusion
from orders.choices import OrderStatus
from orders.models import Order
from vehicles.models import WarrantyClaim


def chart(kind: str, labels: list, datasets: list[dict]) -> str:
    """A Chart.js configuration for a <canvas data-chart="...">, drawn by frontend/static/portal.js."""
    return json.dumps({"type": kind, "data": {"labels": labels, "datasets": datasets},
                       "options": {"plugins": {"legend": {"display": len(datasets) > 1}}}})


def hq_dashboard(user) -> dict:
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    leads = Lead.objects.visible_to(user)
    lead_states = dict(leads.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    order_states = dict(Order.objects.visible_to(user).order_by().values("status").annotate(n=Count("pk"))
                        .values_list("status", "n"))
    since = (timezone.localdate().replace(day=1) - timedelta(days=150)).replace(day=1)
    monthly = (leads.filter(created_at__date__gte=since, dealer__isnull=False)
               .annotate(month=TruncMonth("created_at")).order_by()
               .values("month", "dealer__region__name").annotate(n=Count("pk")))
    months = sorted({row["month"].strftime("%Y-%m") for row in monthly})
    series: dict[str, dict[str, int]] = {}
    for row in monthly:
        series.setdefault(row["dealer__region__name"], {})[row["month"].strftime("%Y-%m")] = row["n"]
    return {
        "lead_states": [(label, lead_states.get(value, 0), value) for value, label in LeadStatus.choices],
        "order_states": [(label, order_states.get(value, 0), value) for value, label in OrderStatus.choices],
        "unrouted": leads.filter(status=LeadStatus.NEW).count(),
        "flagged": leads.filter(status=LeadStatus.NEW, unroutable=True).count(),
        "lapsed_today": LeadExclusion.objects.filter(reason="lapsed", at__gte=today).count(),
        "overdue_now": leads.filter(status=LeadStatus.ASSIGNED, sla_due_at__lt=timezone.now()).count(),
        "claims_waiting": WarrantyClaim.objects.visible_to(user).filter(status="submitted").count(),
        "charts": {
            "leads": chart("bar", [str(label) for _v, label in LeadStatus.choices],
                           [{"label": _("Leads"), "data": [lead_states.get(v, 0) for v in LeadStatus.values]}]),
            "orders": chart("bar", [str(label) for _v, label in OrderStatus.choices],
                            [{"label": _("Orders"), "data": [order_states.get(v, 0) for v in OrderStatus.values]}]),
            "regions": chart("line", months, [{"label": region, "data": [counts.get(m, 0) for m in months]}
                                              for region, counts in sorted(series.items())]),
        },
        "regions": (Region.objects.visible_to(user).annotate(
            active_dealers=Count("dealers", filter=Q(dealers__active=True)),
            inactive_dealers=Count("dealers", filter=Q(dealers__active=False)),
            **{t: Count("dealers", filter=Q(dealers__tier=t, dealers__active=True)) for t in Tier.values},
        ).order_by("name")),
        "tiers": Tier.choices,
    }
