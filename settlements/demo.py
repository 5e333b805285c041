"""Demo settlements: commission rules, two incentive programmes, tier thresholds and targets, then
the real monthly runs for the last five months: older statements paid, last month approved, this
month's still a draft."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from dealers.models import Dealer, User
from settlements import periods
from settlements.models import CommissionRule, DealerTarget, IncentiveProgram, Statement, TierThreshold
from settlements.services.runs import settlement_run
from settlements.services.statements import statement_approve, statement_mark_paid
from vehicles.models import ProductLine

RULES = [("", None, "2.00"), ("platinum", None, "3.00"), ("gold", None, "2.50"), ("", "heavy-trucks", "2.20"),
         ("platinum", "construction", "3.50")]
THRESHOLDS = {"bronze": (0, "0.05"), "silver": (2, "0.10"), "gold": (4, "0.15"), "platinum": (8, "0.20")}


def seed(out, *, password: str) -> list:
    start = date(2026, 1, 1)
    for tier, line, percent in RULES:
        CommissionRule.objects.get_or_create(
            tier=tier, product_line=ProductLine.objects.filter(code=line).first(), valid_from=start,
            defaults={"percent": Decimal(percent)})
    IncentiveProgram.objects.get_or_create(name="Autumn volume push", defaults={
        "kind": "volume_bonus", "starts_on": date(2026, 9, 1), "ends_on": date(2026, 12, 31),
        "target_units": 1, "bonus_per_unit": Decimal("2000.00")})
    IncentiveProgram.objects.get_or_create(name="Answer within the SLA", defaults={
        "kind": "sla_bonus", "starts_on": date(2026, 6, 1), "ends_on": date(2026, 12, 31),
        "sla_share": Decimal("0.800"), "bonus_amount": Decimal("5000.00")})
    for tier, (units, conversion) in THRESHOLDS.items():
        TierThreshold.objects.get_or_create(tier=tier, defaults={"min_units": units,
                                                                 "min_conversion_rate": Decimal(conversion)})
    if Statement.objects.exists():
        out.write(f"  statements already there: {Statement.objects.count()}")
        return []
    finance = User.objects.get(username="hq.finance")
    today = timezone.localdate()
    months = []
    month = today.replace(day=1)
    for _ in range(5):
        months.insert(0, periods.label(month))
        month = (month - timedelta(days=1)).replace(day=1)
    for period in months:
        for dealer in Dealer.objects.filter(active=True):
            DealerTarget.objects.get_or_create(dealer=dealer, period=period, defaults={
                "units": {"platinum": 4, "gold": 3, "silver": 2, "bronze": 1}[dealer.tier],
                "revenue": Decimal({"platinum": 1200000, "gold": 800000, "silver": 400000, "bronze": 150000}[
                    dealer.tier])})
        settlement_run(by=finance, period=period)
    for statement in Statement.objects.filter(period__in=months[:-1]):
        statement_approve(by=finance, statement=statement)
        if statement.period in months[:-2]:
            statement_mark_paid(by=finance, statement=statement, reference=f"BOC-{statement.pk:06d}")
    out.write(f"  {Statement.objects.count()} statements over {', '.join(months)}")
    return [("hq.finance", "Finance: settlement runs, statements, approval, payment")]
