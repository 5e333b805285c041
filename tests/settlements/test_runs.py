"""A small hand-computed month, settled to the cent; re-runs, approvals, chargebacks, corrections."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import InvalidTransition
from leads.models import LeadExclusion
from settlements.models import CommissionRule, IncentiveProgram, SettlementLine, Statement
from settlements.services.runs import settlement_run
from settlements.services.statements import adjustment_add, statement_approve
from tests.leads.factories import LeadFactory
from tests.settlements.conftest import at, delivered_order
from tests.vehicles.factories import UnitFactory
from vehicles.models import RepairOrder, WarrantyClaim

D = Decimal


def claim(dealer, *, claimed, approved, status, decided):
    unit = UnitFactory(status="sold", dealer=dealer)
    repair = RepairOrder.objects.create(unit=unit, dealer=dealer, complaint="x", failure_date=date(2026, 9, 1),
                                        odometer_or_hours=1, status="closed")
    return WarrantyClaim.objects.create(repair_order=repair, unit=unit, dealer=dealer, amount_claimed=D(claimed),
                                        amount_approved=D(approved) if approved is not None else None,
                                        status=status, decided_at=at(decided))


def lead(dealer, *, assigned, accepted_after_hours=None):
    assigned_at = at(assigned)
    return LeadFactory(dealer=dealer, status="accepted" if accepted_after_hours is not None else "assigned",
                       assigned_at=assigned_at, sla_due_at=assigned_at + timedelta(hours=8),
                       accepted_at=assigned_at + timedelta(hours=accepted_after_hours)
                       if accepted_after_hours is not None else None)


@pytest.fixture
def october(network, hq_finance, time_machine):
    time_machine.move_to(at("2026-12-05"), tick=False)
    a, b, truck, tractor = network["a"], network["b"], network["truck"], network["tractor"]
    CommissionRule.objects.create(percent=D("2.00"), valid_from=date(2026, 1, 1))
    CommissionRule.objects.create(tier="gold", product_line=network["trucks"], percent=D("3.00"),
                                  valid_from=date(2026, 1, 1))
    CommissionRule.objects.create(tier="silver", percent=D("2.50"), valid_from=date(2026, 10, 15))
    orders = {
        "a1": delivered_order(a, truck, gross="100000.00", delivered="2026-10-05"),
        "a2": delivered_order(a, tractor, gross="50000.00", discount="1234.56", delivered="2026-10-06"),
        "a3": delivered_order(a, truck, gross="20000.00", delivered="2026-10-08"),
        "b1": delivered_order(b, truck, gross="80000.00", delivered="2026-10-10"),
        "b2": delivered_order(b, truck, gross="33333.33", delivered="2026-10-20"),
        "b3": delivered_order(b, truck, gross="10000.00", delivered="2026-11-02"),
    }
    claims = {
        "a": claim(a, claimed="1500.00", approved="1500.00", status="approved", decided="2026-10-12"),
        "b": claim(b, claimed="1000.00", approved="700.50", status="partially_approved", decided="2026-10-25"),
        "b_rejected": claim(b, claimed="900.00", approved="0", status="rejected", decided="2026-10-26"),
        "a_november": claim(a, claimed="300.00", approved="300.00", status="approved", decided="2026-11-03"),
    }
    IncentiveProgram.objects.create(name="Q4 volume", kind="volume_bonus", starts_on=date(2026, 10, 1),
                                    ends_on=date(2026, 12, 31), tiers=["gold"], target_units=1,
                                    bonus_per_unit=D("500.00"))
    IncentiveProgram.objects.create(name="Answer fast", kind="sla_bonus", starts_on=date(2026, 10, 1),
                                    ends_on=date(2026, 10, 31), sla_share=D("0.500"), bonus_amount=D("800.00"))
    lead(a, assigned="2026-10-03", accepted_after_hours=1)
    lead(a, assigned="2026-10-04", accepted_after_hours=7)
    LeadExclusion.objects.create(lead=LeadFactory(), dealer=a, reason="lapsed")
    LeadExclusion.objects.filter(dealer=a).update(at=at("2026-10-09"))
    lead(b, assigned="2026-10-03", accepted_after_hours=9)  # late
    lead(b, assigned="2026-10-04", accepted_after_hours=2)
    LeadExclusion.objects.create(lead=LeadFactory(), dealer=b, reason="lapsed")
    LeadExclusion.objects.filter(dealer=b).update(at=at("2026-10-11"))
    return {"orders": orders, "claims": claims, "by": hq_finance, **network}


def lines_of(statement):
    return sorted((line.kind, str(line.amount)) for line in statement.lines.all())


def test_october_to_the_cent(october):
    result = settlement_run(by=october["by"], period="2026-10")
    a = Statement.objects.get(dealer=october["a"], period="2026-10")
    b = Statement.objects.get(dealer=october["b"], period="2026-10")
    assert lines_of(a) == sorted([
        ("commission", "3000.00"),  # gold trucks rule: 3 % of 100,000
        ("commission", "975.31"),  # all-tiers rule: 2 % of 48,765.44 = 975.3088
        ("commission", "600.00"),  # 3 % of 20,000
        ("warranty", "1500.00"),
        ("incentive", "1000.00"),  # 3 units delivered, target 1: 2 x 500
        ("incentive", "800.00"),  # 2 of 3 offers accepted in time (one lapsed): 67 % >= 50 %
    ])
    assert a.total == D("7875.31")
    assert lines_of(b) == sorted([
        ("commission", "1600.00"),  # 10 Oct: the silver rule starts on 15 Oct, so 2 %
        ("commission", "833.33"),  # 20 Oct: silver 2.5 % of 33,333.33 = 833.33325
        ("warranty", "700.50"),  # the approved part; the rejected claim pays nothing
    ])
    assert b.total == D("3133.83")
    assert result["lines"] == {"commission": 5, "warranty": 2, "incentive": 2}
    assert result["amounts"] == {"commission": "7008.64", "warranty": "2200.50", "incentive": "1800.00"}


def test_claims_are_settled_when_their_statement_is_paid(october):
    from settlements.services.statements import statement_mark_paid

    settlement_run(by=october["by"], period="2026-10")
    claim = october["claims"]["a"]
    claim.refresh_from_db()
    assert claim.status == "approved"  # on a statement, not paid yet
    statement = Statement.objects.get(dealer=october["a"], period="2026-10")
    statement_approve(by=october["by"], statement=statement)
    statement_mark_paid(by=october["by"], statement=statement, reference="BOC-1")
    claim.refresh_from_db()
    assert claim.status == "settled"
    assert claim.unit.events.filter(kind="claim", to_status="settled").exists()
    october["claims"]["a_november"].refresh_from_db()
    assert october["claims"]["a_november"].status == "approved"  # November's


def test_running_a_period_again_adds_nothing(october):
    settlement_run(by=october["by"], period="2026-10")
    before = list(SettlementLine.objects.values_list("pk", "amount"))
    again = settlement_run(by=october["by"], period="2026-10")
    assert again["lines"] == {}
    assert list(SettlementLine.objects.values_list("pk", "amount")) == before


def test_approved_statements_never_change_and_corrections_go_to_a_later_one(october, time_machine):
    from orders.services.orders import order_return
    from tests.dealers.factories import HQUserFactory

    settlement_run(by=october["by"], period="2026-10")
    a_october = Statement.objects.get(dealer=october["a"], period="2026-10")
    statement_approve(by=october["by"], statement=a_october)
    with pytest.raises(InvalidTransition):
        statement_approve(by=october["by"], statement=a_october)

    # A late correction for October, and a return of an October order, land on November's statement.
    adjustment_add(by=october["by"], dealer=october["a"], period="2026-10", amount=D("-120.00"),
                   reason="Demo unit fee")
    time_machine.move_to(at("2026-11-20"), tick=False)  # returned in November...
    order_return(by=HQUserFactory(), order=october["orders"]["a3"], reason="Customer rescinded the sale")
    time_machine.move_to(at("2026-12-05"), tick=False)  # ...and November is settled in December
    settlement_run(by=october["by"], period="2026-11")
    a_october.refresh_from_db()
    assert (a_october.status, a_october.total) == ("approved", D("7875.31"))
    assert a_october.lines.count() == 6
    a_november = Statement.objects.get(dealer=october["a"], period="2026-11")
    assert lines_of(a_november) == sorted([("adjustment", "-120.00"), ("chargeback", "-600.00"),
                                           ("warranty", "300.00")])
    assert a_november.total == D("-420.00")
    b_november = Statement.objects.get(dealer=october["b"], period="2026-11")
    assert lines_of(b_november) == [("commission", "250.00")]  # silver 2.5 % of 10,000


def test_the_order_return_takes_the_unit_back(october):
    from orders.services.orders import order_return
    from tests.dealers.factories import HQUserFactory

    order = october["orders"]["a1"]
    unit = UnitFactory(status="sold", dealer=october["a"], selling_dealer=october["a"], owner=order.customer,
                       delivered_on=date(2026, 10, 5), warranty_start=date(2026, 10, 5),
                       warranty_end=date(2028, 10, 4))
    order.lines.update(unit=unit)
    order_return(by=HQUserFactory(), order=order, reason="Rescinded")
    unit.refresh_from_db()
    assert (unit.status, unit.owner, unit.warranty_end, unit.dealer) == ("dealer_stock", None, None, october["a"])


def test_bad_periods_are_refused(october):
    from django.core.exceptions import ValidationError

    for period in ("2026-13", "26-10", "October"):
        with pytest.raises(ValidationError):
            settlement_run(by=october["by"], period=period)


def test_a_run_works_in_a_constant_number_of_queries(october, django_assert_max_num_queries):
    from tests.dealers.factories import DealerFactory

    for i in range(30):  # more dealers and orders: the same number of queries
        dealer = DealerFactory(tier="gold")
        delivered_order(dealer, october["truck"], gross=f"{1000 + i}.00", delivered="2026-10-07")
    with django_assert_max_num_queries(40):
        settlement_run(by=october["by"], period="2026-10")
