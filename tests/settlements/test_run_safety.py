"""Runs interrupted half-way or started twice at once never pay a line twice."""

from datetime import date
from decimal import Decimal

import pytest

from settlements.models import CommissionRule, SettlementLine, Statement
from settlements.services import runs
from tests.dealers.factories import DealerFactory, HQUserFactory
from tests.settlements.conftest import at, delivered_order
from tests.vehicles.factories import ProductModelFactory


def month_of_orders(dealers=6):
    CommissionRule.objects.create(percent=Decimal("2.00"), valid_from=date(2026, 1, 1))
    model = ProductModelFactory()
    for i in range(dealers):
        dealer = DealerFactory()
        for j in range(3):
            delivered_order(dealer, model, gross=f"{10000 + 100 * i + j}.00", delivered="2026-10-10")
    return HQUserFactory(hq_role="hq_finance")


def test_a_run_killed_half_way_is_completed_by_the_next(db, monkeypatch, time_machine):
    time_machine.move_to(at("2026-11-05"), tick=False)
    by = month_of_orders()
    monkeypatch.setattr(runs, "DEALER_BATCH", 2)
    real = runs._run_batch
    calls = []

    def dies_on_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(runs, "_run_batch", dies_on_the_second_batch)
    with pytest.raises(SystemExit):
        runs.settlement_run(by=by, period="2026-10")
    assert SettlementLine.objects.count() == 6  # the first batch (2 dealers x 3 orders), whole
    monkeypatch.setattr(runs, "_run_batch", real)
    result = runs.settlement_run(by=by, period="2026-10")
    assert result["lines"] == {"commission": 12}
    assert SettlementLine.objects.count() == 18
    assert sum(s.total for s in Statement.objects.all()) == sum(line.amount for line in SettlementLine.objects.all())


@pytest.mark.postgres
def test_two_runs_at_once_pay_each_line_once(transactional_db, time_machine):
    from tests.leads.test_races import run_together

    time_machine.move_to(at("2026-11-05"), tick=False)
    by = month_of_orders(dealers=10)
    run_together(lambda: runs.settlement_run(by=by, period="2026-10"),
                 lambda: runs.settlement_run(by=by, period="2026-10"))
    assert SettlementLine.objects.count() == 30
    assert Statement.objects.count() == 10
    for statement in Statement.objects.all():
        assert statement.total == sum(line.amount for line in statement.lines.all())
