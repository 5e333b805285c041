"""The monthly settlement run: activity in a period becomes ledger lines on dealer statements.

Set-based and safe to repeat. Dealers are taken in batches; each batch is one transaction with a
constant number of queries: each kind of line is one INSERT ... SELECT built with the ORM (the rows
never pass through Python), so a worker killed half-way leaves only whole batches and the next run
adds exactly what is missing. Every line's (kind, source_key) is unique in the database, so two runs
at once cannot pay twice.

Money stays exact in SQL on both databases: amounts are turned into integer cents, commission is
cents x percent in hundredths, summed per order and rounded half-up by integer arithmetic.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, LPad, Round
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import ZERO, quantize
from core.sql import cents_to_money, insert_from
from dealers.models import Dealer
from leads.models import Lead, LeadExclusion
from orders.choices import OrderKind, OrderStatus
from orders.models import OrderLine
from settlements import periods
from settlements.choices import LineKind, ProgramKind, StatementStatus
from settlements.models import CommissionRule, IncentiveProgram, SettlementLine, Statement
from vehicles.choices import ClaimStatus
from vehicles.models import WarrantyClaim

DEALER_BATCH = 250
SOLD = (OrderStatus.DELIVERED, OrderStatus.RETURNED)
UNDONE = (OrderStatus.CANCELLED, OrderStatus.RETURNED)
APPROVED = (ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED)
LINE_COLUMNS = ["statement", "dealer", "period", "kind", "amount", "currency", "source_key", "source_id",
                "description", "created_at", "created_by"]
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class RunResult:
    period: str
    lines: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    amounts: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    statements: set[int] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {"period": self.period, "lines": {str(k): v for k, v in self.lines.items() if v},
                "amounts": {str(k): str(quantize(v)) for k, v in self.amounts.items() if v},
                "statements": len(self.statements)}


def settlement_run(*, by, period: str, progress: Callable[[int], None] | None = None) -> dict:
    periods.parse(period)
    result = RunResult(period)
    dealer_ids = list(Dealer.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(dealer_ids), DEALER_BATCH):
        _run_batch(by, period, dealer_ids[start:start + DEALER_BATCH], result)
        if progress:
            progress(min(99, (start + DEALER_BATCH) * 100 // max(1, len(dealer_ids))))
    return result.as_dict()


# --- what each kind of line is made from ----------------------------------------------------------

def _commission_candidates(dealer_ids, end):
    """Delivered retail orders up to the end of the period that have no commission line yet."""
    paid = SettlementLine.objects.filter(kind=LineKind.COMMISSION, source_id=OuterRef("order_id"))
    return (OrderLine.objects.filter(order__dealer_id__in=dealer_ids, order__kind=OrderKind.RETAIL,
                                     order__status__in=SOLD, order__delivered_at__lt=end)
            .filter(~Exists(paid)))


def _chargeback_candidates(dealer_ids, end):
    """Commission lines of orders cancelled or returned since, not yet taken back."""
    taken_back = SettlementLine.objects.filter(kind=LineKind.CHARGEBACK, source_id=OuterRef("source_id"))
    undone = OrderLine.objects.filter(order_id=OuterRef("source_id"), order__status__in=UNDONE,
                                      order__updated_at__lt=end)
    return (SettlementLine.objects.filter(kind=LineKind.COMMISSION, dealer_id__in=dealer_ids)
            .filter(Exists(undone)).filter(~Exists(taken_back)))


def _claim_candidates(dealer_ids, end):
    """Approved warranty claims decided up to the end of the period, not yet reimbursed."""
    paid = SettlementLine.objects.filter(kind=LineKind.WARRANTY, source_id=OuterRef("pk"))
    return (WarrantyClaim.objects.filter(dealer_id__in=dealer_ids, decided_at__lt=end, status__in=APPROVED)
            .filter(~Exists(paid)))


def _statement(period: str, dealer: str, currency: str, exact: bool):
    """The draft statement a new line goes on: the period's own or, if that was approved already,
    the next one still open (StatementBook made sure it exists)."""
    statements = Statement.objects.filter(dealer_id=OuterRef(dealer), currency=OuterRef(currency),
                                          status=StatementStatus.DRAFT)
    if exact:  # the usual case: one index probe on (dealer, period, currency)
        return statements.filter(period=period)
    return statements.filter(period__gte=period).order_by("period")


def _line_columns(period, by, *, dealer, currency, kind, amount, source_id, description, book):
    # Nearly always every statement of the batch is the period's own: then the period is a constant.
    exact = {s.period for s in book.cache.values()} == {period}
    statement = _statement(period, dealer, currency, exact)
    return {
        "l_statement": Subquery(statement.values("pk")[:1]),
        "l_dealer": F(dealer),
        "l_period": Value(period, output_field=CharField()) if exact else Subquery(statement.values("period")[:1]),
        "l_kind": Value(kind, output_field=CharField()),
        "l_amount": amount,
        "l_currency": F(currency),
        "l_key": Concat(Value(SOURCE_TYPES[kind] + ":"), Cast(source_id, CharField()), output_field=CharField()),
        "l_source": F(source_id),
        "l_description": description,
        "l_created": Value(timezone.now()),
        "l_by": Value(by.pk if by else None, output_field=IntegerField()),
    }


SOURCE_TYPES = {LineKind.COMMISSION: "orders.order", LineKind.CHARGEBACK: "orders.order",
                LineKind.WARRANTY: "vehicles.warrantyclaim"}


def _numbered(text: str, field_name: str):
    """"Commission on order O-000123" in SQL: the translated text around a zero-padded number."""
    before, after = (text % {"id": "\0"}).split("\0")
    return Concat(Value(before), LPad(Cast(field_name, CharField()), 6, Value("0")), Value(after),
                  output_field=CharField())


def _commission_percent():
    """The rules as one CASE in hundredths of a percent: the first matching branch is the most
    specific rule, and among equals the latest to start, in force on the delivery day."""
    zone = timezone.get_current_timezone()

    def midnight(day):
        return timezone.make_aware(datetime.combine(day, time.min), zone)

    rules = sorted(CommissionRule.objects.all(),
                   key=lambda r: (bool(r.tier) + bool(r.product_line_id), r.valid_from), reverse=True)
    branches = []
    for rule in rules:
        condition = Q(order__delivered_at__gte=midnight(rule.valid_from))
        if rule.valid_to:
            condition &= Q(order__delivered_at__lt=midnight(rule.valid_to + timedelta(days=1)))
        if rule.tier:
            condition &= Q(order__dealer__tier=rule.tier)
        if rule.product_line_id:
            condition &= Q(model__product_line_id=rule.product_line_id)
        branches.append(When(condition, then=Value(int(rule.percent * 100))))
    return Case(*branches, default=Value(0), output_field=BigIntegerField()) if branches else Value(0)


def _insert_commissions(by, period, dealer_ids, end, book) -> int:
    cents = Cast(Round((F("gross") - F("discount")) * 100), BigIntegerField())
    rows = (_commission_candidates(dealer_ids, end)
            .annotate(line_part=cents * _commission_percent())
            .values("order_id", "order__dealer_id", "order__currency")
            .annotate(parts=Cast(Sum("line_part"), BigIntegerField())))  # PostgreSQL sums bigints as numeric
    # parts are 1/10,000 of a cent; half-up to whole cents, then to the currency unit.
    amount = cents_to_money(Cast((F("parts") + 5000) / 10000, BigIntegerField()), MONEY)
    columns = _line_columns(period, by, dealer="order__dealer_id", currency="order__currency",
                            kind=LineKind.COMMISSION, amount=amount, source_id="order_id",
                            description=_numbered(_("Commission on order O-%(id)s"), "order_id"), book=book)
    return insert_from(SettlementLine, LINE_COLUMNS, rows.annotate(**columns).values_list(*columns))


def _insert_chargebacks(by, period, dealer_ids, end, book) -> int:
    columns = _line_columns(period, by, dealer="dealer_id", currency="currency", kind=LineKind.CHARGEBACK,
                            amount=Cast(-F("amount"), MONEY), source_id="source_id",
                            description=_numbered(_("Chargeback: order O-%(id)s was cancelled or returned"),
                                                  "source_id"), book=book)
    rows = _chargeback_candidates(dealer_ids, end).annotate(**columns).values_list(*columns)
    return insert_from(SettlementLine, LINE_COLUMNS, rows)


def _insert_reimbursements(by, period, dealer_ids, end, book) -> int:
    columns = _line_columns(period, by, dealer="dealer_id", currency="currency", kind=LineKind.WARRANTY,
                            amount=F("amount_approved"), source_id="pk",
                            description=_numbered(_("Warranty claim WC-%(id)s reimbursed"), "pk"), book=book)
    rows = _claim_candidates(dealer_ids, end).annotate(**columns).values_list(*columns)
    return insert_from(SettlementLine, LINE_COLUMNS, rows)


# --- one batch of dealers ------------------------------------------------------------------------

@transaction.atomic
def _run_batch(by, period: str, dealer_ids: list[int], result: RunResult) -> None:
    start, end = periods.bounds(period)
    began = timezone.now()
    book = StatementBook(period, by)
    needed = set(_commission_candidates(dealer_ids, end).values_list("order__dealer_id", "order__currency"))
    needed |= set(_chargeback_candidates(dealer_ids, end).values_list("dealer_id", "currency"))
    needed |= set(_claim_candidates(dealer_ids, end).values_list("dealer_id", "currency"))
    incentives = _incentives(dealer_ids, period, start, end) if end <= timezone.now() else []
    needed |= {(line["dealer_id"], line["currency"]) for line in incentives}
    if not needed:
        return
    book.statement_for(needed)
    result.lines[LineKind.COMMISSION] += _insert_commissions(by, period, dealer_ids, end, book)
    result.lines[LineKind.CHARGEBACK] += _insert_chargebacks(by, period, dealer_ids, end, book)
    result.lines[LineKind.WARRANTY] += _insert_reimbursements(by, period, dealer_ids, end, book)
    result.lines[LineKind.INCENTIVE] += _insert_incentives(incentives, book, by)
    new = SettlementLine.objects.filter(dealer_id__in=dealer_ids, created_at__gte=began)
    for kind, total in new.values("kind").annotate(s=Sum("amount")).values_list("kind", "s"):
        result.amounts[kind] += total
    result.statements |= book.retotal()


def _incentives(dealer_ids, period, start, end) -> list[dict]:
    """A handful of rows per month: judged in Python from two aggregates."""
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
            line = {"dealer_id": dealer_id, "currency": program.currency, "program": program.pk,
                    "source_key": f"settlements.incentiveprogram:{program.pk}:{dealer_id}:{period}"}
            if program.kind == ProgramKind.VOLUME_BONUS:
                above = units.get(dealer_id, 0) - program.target_units
                if above > 0:
                    lines.append({**line, "amount": quantize(above * program.bonus_per_unit, program.currency),
                                  "description": _("%(name)s: %(n)s units above the target of %(t)s")
                                  % {"name": program.name, "n": above, "t": program.target_units}})
            elif program.kind == ProgramKind.SLA_BONUS:
                share = shares.get(dealer_id)
                if share is not None and share >= program.sla_share:
                    lines.append({**line, "amount": program.bonus_amount,
                                  "description": _("%(name)s: %(share)s of leads accepted in time")
                                  % {"name": program.name, "share": f"{share:.0%}"}})
    return lines


def _insert_incentives(lines: list[dict], book: "StatementBook", by) -> int:
    if not lines:
        return 0
    keys = [line["source_key"] for line in lines]
    before = SettlementLine.objects.filter(kind=LineKind.INCENTIVE, source_key__in=keys).count()
    rows = []
    for line in lines:
        statement = book.cache[(line["dealer_id"], line["currency"])]
        rows.append(SettlementLine(statement=statement, dealer_id=line["dealer_id"], period=statement.period,
                                   kind=LineKind.INCENTIVE, amount=line["amount"], currency=line["currency"],
                                   source_key=line["source_key"], source_id=line["program"],
                                   description=line["description"][:300], created_by=by))
    SettlementLine.objects.bulk_create(rows, ignore_conflicts=True)
    return SettlementLine.objects.filter(kind=LineKind.INCENTIVE, source_key__in=keys).count() - before


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
    """Opens the statement each new line goes on: the period's own, unless it was already approved,
    in which case the next month still open. The statements are locked while lines go on."""

    def __init__(self, period: str, by):
        self.period = period
        self.by = by
        self.cache: dict[tuple[int, str], Statement] = {}

    def statement_for(self, dealers_currencies: set[tuple[int, str]]) -> None:
        missing = {key for key in dealers_currencies if key not in self.cache}
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

    def retotal(self) -> set[int]:
        ids = {statement.pk for statement in self.cache.values()}
        total = (SettlementLine.objects.filter(statement=OuterRef("pk")).order_by().values("statement")
                 .annotate(s=Sum("amount")).values("s"))
        Statement.objects.filter(pk__in=ids).update(total=Coalesce(Subquery(total), ZERO), updated_at=timezone.now())
        return ids
