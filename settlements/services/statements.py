"""Statements: finance approves (from then on never edited) and marks paid; adjustments; runs."""

import csv
import io
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jobs import start_job
from core.money import ZERO, quantize
from dealers.roles import require_hq
from settlements import periods, tasks
from settlements.choices import LineKind, StatementStatus
from settlements.models import SettlementLine, Statement
from vehicles.models import WarrantyClaim
from vehicles.services.service import claims_mark_settled

FINANCE = ("hq_admin", "hq_finance")


def start_run(*, by, period: str):
    """A settlement run for a month, on a worker; the client polls the job."""
    require_hq(by, *FINANCE)
    periods.parse(period)
    return start_job(kind="settlement_run", by=by, task=tasks.settlement_run_job, params={"period": period})


@transaction.atomic
def statement_approve(*, by, statement: Statement) -> Statement:
    require_hq(by, *FINANCE)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    statement.approved_at = timezone.now()
    Statement.WORKFLOW.advance(statement, StatementStatus.APPROVED, by=by, action=_("be approved"),
                               extra_fields=["approved_at"])
    return statement


@transaction.atomic
def statement_mark_paid(*, by, statement: Statement, reference: str = "") -> Statement:
    """The money went out: the statement is paid, and the warranty claims it reimbursed are settled."""
    require_hq(by, *FINANCE)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    statement.paid_at = timezone.now()
    Statement.WORKFLOW.advance(statement, StatementStatus.PAID, by=by, action=_("be marked paid"),
                               reason=reference, extra_fields=["paid_at"])
    claims_mark_settled(by=by, claims=WarrantyClaim.objects.filter(
        pk__in=statement.lines.filter(kind=LineKind.WARRANTY).values("source_id")))
    return statement


@transaction.atomic
def adjustment_add(*, by, dealer, period: str, amount: Decimal, reason: str, currency: str = "CNY") -> SettlementLine:
    """A manual correction by finance, on the dealer's statement for the period (or the next one
    still open, if that one is already approved)."""
    from settlements.services.runs import StatementBook

    require_hq(by, *FINANCE)
    periods.parse(period)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the adjustment is made.")]})
    if amount == ZERO:
        raise ValidationError({"amount": [_("An adjustment of zero changes nothing.")]})
    book = StatementBook(period, by)
    book.statement_for({(dealer.pk, currency)})
    statement = book.cache[(dealer.pk, currency)]
    line = SettlementLine.objects.create(
        statement=statement, dealer=dealer, period=statement.period, kind=LineKind.ADJUSTMENT,
        amount=quantize(amount, currency), currency=currency, source_key=f"adjustment:{uuid.uuid4().hex}",
        description=reason[:300], created_by=by)
    Statement.objects.filter(pk=statement.pk).update(
        total=Coalesce(SettlementLine.objects.filter(statement=statement).aggregate(s=Sum("amount"))["s"], ZERO))
    return line


def statement_csv(statement: Statement) -> str:
    """What a dealer's accountant opens in a spreadsheet: one row per line, then the total."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["dealer", "period", "kind", "source", "description", "amount", "currency"])
    for line in statement.lines.order_by("kind", "id"):
        writer.writerow([statement.dealer.code, statement.period, line.kind, line.source_key, line.description,
                         f"{line.amount:.2f}", line.currency])
    writer.writerow([statement.dealer.code, statement.period, "total", "", "", f"{statement.total:.2f}",
                     statement.currency])
    return out.getvalue()
