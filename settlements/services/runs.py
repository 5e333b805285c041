"""The monthly settlement run: activity in a period becomes ledger lines on dealer statements.

Set-based and safe to repeat. Dealers are taken in batches; each batch is one transaction with a
constant number of queries (an aggregate per kind of line, one bulk insert, the statements), so a
worker killed half-way leaves only whole batches, and the next run adds exactly what is missing.
Every line's (kind, source_key) is unique in the database, so two runs at once cannot pay twice.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import ZERO, quantize
from dealers.models import Dealer
from leads.models import Lead, LeadExclusion
from orders.choices import OrderKind, OrderStatus
from orders.models import OrderLine
from settlements import periods
from settlements.choices import LineKind, ProgramKind, StatementStatus
from settlements.models import CommissionRule, IncentiveProgram, SettlementLine, Statement
from vehicles.choices import ClaimStatus
from vehicles.models import WarrantyClaim
from vehicles.services.service import claims_mark_settled

DEALER_BATCH = 250
FLUSH = 2000
SOLD = (OrderStatus.DELIVERED, OrderStatus.RETURNED)
UNDONE = (OrderStatus.CANCELLED, OrderStatus.RETURNED)


@dataclass
class NewLine:
    dealer_id: int
    kind: str
    amount: Decimal
    currency: str
    source_key: str
    source_id: int | None
    description: str


@dataclass
class RunResult:
    period: str
    lines: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    amounts: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    statements: set[int] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {"period": self.period, "lines": dict(self.lines),
                "amounts": {k: str(v) for k, v in self.amounts.items()}, "statements": len(self.statements)}


class Rules:
    """Commission rules, loaded once: the most specific rule in force on a day applies."""

    def __init__(self):
        self.rules = list(CommissionRule.objects.all())

    def percent(self, tier: str, line_id: int, day) -> Decimal:
        best, best_key = ZERO, None
        for rule in self.rules:
            if (rule.tier and rule.tier != tier) or (rule.product_line_id and rule.product_line_id != line_id):
                continue
            if rule.valid_from > day or (rule.valid_to and rule.valid_to < day):
                continue
            key = (bool(rule.tier) + bool(rule.product_line_id), rule.valid_from)
            if best_key is None or key > best_key:
                best, best_key = rule.percent, key
        return best


def settlement_run(*, by, period: str, progress: Callable[[int], None] | None = None) -> dict:
    periods.parse(period)
    result = RunResult(period)
    rules = Rules()
    dealer_ids = list(Dealer.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(dealer_ids), DEALER_BATCH):
        _run_batch(by, period, dealer_ids[start:start + DEALER_BATCH], rules, result)
        if progress:
            progress(min(99, (start + DEALER_BATCH) * 100 // max(1, len(dealer_ids))))
    return result.as_dict()


@transaction.atomic
def _run_batch(by, period: str, dealer_ids: list[int], rules: Rules, result: RunResult) -> None:
    start, end = periods.bounds(period)
    pending: list[NewLine] = []
    statements = StatementBook(period, by)

    def flush():
        if pending:
            _insert(pending, statements, by, result)
            pending.clear()

    for producer in (_commissions, _chargebacks, _reimbursements):
        for line in producer(dealer_ids, end, rules):
            pending.append(line)
            if len(pending) >= FLUSH:
                flush()
    if end <= timezone.now():  # incentives judge a whole month, so only once it is over
        pending.extend(_incentives(dealer_ids, period, start, end))
    flush()
    statements.retotal()


def _commissions(dealer_ids, end, rules: Rules):
    """Delivered retail orders (up to the end of the period) not yet commissioned: percent of each
    line's net value by the dealer's tier and the line's product line, rounded per order."""
    paid = SettlementLine.objects.filter(kind=LineKind.COMMISSION, source_id=OuterRef("order_id"))
    rows = (OrderLine.objects
            .filter(order__dealer_id__in=dealer_ids, order__kind=OrderKind.RETAIL, order__status__in=SOLD,
                    order__delivered_at__lt=end)
            .filter(~Exists(paid))
            .values("order_id", "order__dealer_id", "order__dealer__tier", "order__currency", "order__delivered_at",
                    "model__product_line_id")
            .annotate(net=Sum(F("gross") - F("discount")))
            .order_by("order_id"))
    current, amount, meta = None, ZERO, None
    for row in rows.iterator(chunk_size=FLUSH):
        if row["order_id"] != current:
            if current is not None:
                yield _commission_line(current, amount, meta)
            current, amount, meta = row["order_id"], ZERO, row
        day = timezone.localtime(row["order__delivered_at"]).date()
        percent = rules.percent(row["order__dealer__tier"], row["model__product_line_id"], day)
        amount += row["net"] * percent / 100
    if current is not None:
        yield _commission_line(current, amount, meta)


def _commission_line(order_id: int, amount: Decimal, row: dict) -> NewLine:
    currency = row["order__currency"]
    return NewLine(row["order__dealer_id"], LineKind.COMMISSION, quantize(amount, currency), currency,
                   f"orders.order:{order_id}", order_id, _("Commission on order O-%(id)06d") % {"id": order_id})


def _chargebacks(dealer_ids, end, rules):
    """Commission paid on an order later cancelled or returned is taken back."""
    taken_back = SettlementLine.objects.filter(kind=LineKind.CHARGEBACK, source_id=OuterRef("source_id"))
    undone = OrderLine.objects.filter(order_id=OuterRef("source_id"), order__status__in=UNDONE,
                                      order__updated_at__lt=end)
    rows = (SettlementLine.objects.filter(kind=LineKind.COMMISSION, dealer_id__in=dealer_ids)
            .filter(Exists(undone)).filter(~Exists(taken_back))
            .values("dealer_id", "source_id", "amount", "currency"))
    for row in rows.iterator(chunk_size=FLUSH):
        yield NewLine(row["dealer_id"], LineKind.CHARGEBACK, -row["amount"], row["currency"],
                      f"orders.order:{row['source_id']}", row["source_id"],
                      _("Chargeback: order O-%(id)06d was cancelled or returned") % {"id": row["source_id"]})


def _reimbursements(dealer_ids, end, rules):
    """Approved warranty claims (decided up to the end of the period) at the approved amount."""
    rows = (WarrantyClaim.objects
            .filter(dealer_id__in=dealer_ids, decided_at__lt=end,
                    status__in=[ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED])
            .filter(~Exists(SettlementLine.objects.filter(kind=LineKind.WARRANTY, source_id=OuterRef("pk"))))
            .values("pk", "dealer_id", "amount_approved", "currency"))
    for row in rows.iterator(chunk_size=FLUSH):
        yield NewLine(row["dealer_id"], LineKind.WARRANTY, row["amount_approved"], row["currency"],
                      f"vehicles.warrantyclaim:{row['pk']}", row["pk"],
                      _("Warranty claim WC-%(id)06d reimbursed") % {"id": row["pk"]})


def _incentives(dealer_ids, period, start, end):
    first, last = periods.parse(period), periods.last_day(period)
    programs = list(IncentiveProgram.objects.filter(starts_on__lte=last, ends_on__gte=first))
    if not programs:
        return []
    tiers = dict(Dealer.objects.filter(pk__in=dealer_ids).values_list("pk", "tier"))
    units = dict(OrderLine.objects.filter(order__dealer_id__in=dealer_ids, order__kind=OrderKind.RETAIL,
                                          order__status=OrderStatus.DELIVERED, order__delivered_at__gte=start,
                                          order__delivered_at__lt=end)
                 .values("order__dealer_id").annotate(n=Count("pk")).values_list("order__dealer_id", "n"))
    shares = _sla_shares(dealer_ids, start, end)
    lines = []
    for program in programs:
        for dealer_id, tier in tiers.items():
            if program.tiers and tier not in program.tiers:
                continue
            key = f"settlements.incentiveprogram:{program.pk}:{dealer_id}:{period}"
            if program.kind == ProgramKind.VOLUME_BONUS:
                above = units.get(dealer_id, 0) - program.target_units
                if above > 0:
                    lines.append(NewLine(dealer_id, LineKind.INCENTIVE, quantize(above * program.bonus_per_unit),
                                         program.currency, key, program.pk,
                                         _("%(name)s: %(n)s units above the target of %(t)s")
                                         % {"name": program.name, "n": above, "t": program.target_units}))
            elif program.kind == ProgramKind.SLA_BONUS:
                share = shares.get(dealer_id)
                if share is not None and share >= program.sla_share:
                    lines.append(NewLine(dealer_id, LineKind.INCENTIVE, program.bonus_amount, program.currency, key,
                                         program.pk, _("%(name)s: %(share)s of leads accepted in time")
                                         % {"name": program.name, "share": f"{share:.0%}"}))
    return lines


def _sla_shares(dealer_ids, start, end) -> dict[int, float]:
    """Per dealer: leads offered in the period and accepted before their SLA, over all leads it was
    offered in the period (those it let lapse count against it)."""
    offered = (Lead.objects.filter(dealer_id__in=dealer_ids, assigned_at__gte=start, assigned_at__lt=end)
               .values("dealer_id")
               .annotate(total=Count("pk"), in_time=Count("pk", filter=Q(accepted_at__lte=F("sla_due_at")))))
    lapsed = dict(LeadExclusion.objects.filter(dealer_id__in=dealer_ids, reason="lapsed", at__gte=start, at__lt=end)
                  .values("dealer_id").annotate(n=Count("pk")).values_list("dealer_id", "n"))
    shares = {}
    for row in offered:
        total = row["total"] + lapsed.pop(row["dealer_id"], 0)
        shares[row["dealer_id"]] = row["in_time"] / total
    shares.update({dealer_id: 0.0 for dealer_id, n in lapsed.items() if n})
    return shares


class StatementBook:
    """Finds (or opens) the statement each new line goes on: the period's own, unless it was already
    approved, in which case the next month still open. Statements are locked while lines go on."""

    def __init__(self, period: str, by):
        self.period = period
        self.by = by
        self.cache: dict[tuple[int, str], Statement] = {}
        self.touched: set[int] = set()

    def statement_for(self, dealer_ids_currencies: set[tuple[int, str]]) -> None:
        missing = {key for key in dealer_ids_currencies if key not in self.cache}
        period = self.period
        while missing:
            dealers = {d for d, _c in missing}
            Statement.objects.bulk_create(
                [Statement(dealer_id=d, period=period, currency=c) for d, c in missing], ignore_conflicts=True)
            for statement in Statement.objects.select_for_update().filter(dealer_id__in=dealers, period=period):
                key = (statement.dealer_id, statement.currency)
                if key in missing and statement.status == StatementStatus.DRAFT:
                    self.cache[key] = statement
                    missing.discard(key)
            period = periods.following(period)

    def retotal(self) -> None:
        if self.touched:
            total = (SettlementLine.objects.filter(statement=OuterRef("pk")).order_by().values("statement")
                     .annotate(s=Sum("amount")).values("s"))
            Statement.objects.filter(pk__in=self.touched).update(total=Coalesce(Subquery(total), ZERO),
                                                                 updated_at=timezone.now())


def _insert(pending: list[NewLine], statements: StatementBook, by, result: RunResult) -> None:
    statements.statement_for({(line.dealer_id, line.currency) for line in pending})
    rows = []
    for line in pending:
        statement = statements.cache[(line.dealer_id, line.currency)]
        rows.append(SettlementLine(statement=statement, dealer_id=line.dealer_id, period=statement.period,
                                   kind=line.kind, amount=line.amount, currency=line.currency,
                                   source_key=line.source_key, source_id=line.source_id,
                                   description=line.description[:300], created_by=by))
    keys = [(r.kind, r.source_key) for r in rows]
    before = set(SettlementLine.objects.filter(source_key__in=[k for _k, k in keys]).values_list("kind", "source_key"))
    SettlementLine.objects.bulk_create(rows, batch_size=FLUSH, ignore_conflicts=True)
    created = [r for r in rows if (r.kind, r.source_key) not in before]
    for row in created:
        result.lines[row.kind] += 1
        result.amounts[row.kind] += row.amount
        statements.touched.add(row.statement_id)
        result.statements.add(row.statement_id)
    claims = [r.source_id for r in created if r.kind == LineKind.WARRANTY]
    if claims:
        claims_mark_settled(by=by, claim_ids=claims)
