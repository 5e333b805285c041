"""The service bay: coverage from warranty and contracts (boundary days included), repair orders,
readings that never go back, and warranty claims."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from dealers.choices import DealerRole
from tests.dealers.factories import CustomerFactory, UserFactory, staff
from tests.vehicles.factories import sold_unit
from vehicles.models import ServiceContract
from vehicles.services import service as services

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(dealer):
    """Delivered 1 March 2024 with 24 months of warranty: covered until 29 February 2026."""
    return sold_unit(dealer=dealer, owner=CustomerFactory(), delivered_on=date(2024, 3, 1), months=24)


@pytest.fixture
def advisor(dealer):
    return staff(dealer, DealerRole.SERVICE, username="advisor")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 2, 29), "customer"),  # the day before handover
        (date(2024, 3, 1), "warranty"),  # first day
        (date(2026, 2, 28), "warranty"),
        (date(2026, 3, 1), "customer"),  # the day after the last day (2026 has no 29 February)
    ],
)
def test_warranty_window_boundaries(unit, day, expected):
    assert unit.warranty_end == date(2026, 2, 28)
    assert services.coverage_for(unit, day, "part") == expected


@pytest.mark.parametrize(
    ("day", "kind", "expected"),
    [
        (date(2026, 3, 1), "labour", "contract"),  # first day of the contract
        (date(2026, 3, 1), "part", "customer"),  # it covers labour only
        (date(2027, 2, 28), "labour", "contract"),  # last day
        (date(2027, 3, 1), "labour", "customer"),  # the day after
    ],
)
def test_contract_boundaries_and_what_it_covers(unit, day, kind, expected):
    ServiceContract.objects.create(unit=unit, kind="maintenance", starts_on=date(2026, 3, 1),
                                   ends_on=date(2027, 2, 28), covers="labour")
    assert services.coverage_for(unit, day, kind) == expected


@time_machine.travel(date(2026, 1, 20))
def test_a_repair_order_prices_and_covers_each_line(unit, advisor):
    repair = services.repair_order_open(
        by=advisor, unit=unit, complaint="Hydraulic leak at the boom cylinder", failure_date=date(2026, 1, 18),
        odometer_or_hours=D("1520.5"),
        lines=[
            {"kind": "labour", "description": "Replace seal kit", "quantity": D("2.5"), "unit_price": D("180.00")},
            {"kind": "part", "description": "Seal kit", "quantity": D("1"), "unit_price": D("1234.565")},
            {"kind": "part", "description": "Wiper blades", "quantity": D("2"), "unit_price": D("35.00"),
             "covered_by": "customer"},
        ],
    )
    lines = list(repair.lines.values_list("amount", "covered_by"))
    assert lines == [(D("450.00"), "warranty"), (D("1234.57"), "warranty"), (D("70.00"), "customer")]
    assert repair.total == D("1754.57")
    assert unit.events.filter(kind="repair_order").exists()


@time_machine.travel(date(2026, 4, 1))
def test_warranty_cannot_be_asked_for_outside_the_window(unit, advisor):
    with pytest.raises(ValidationError) as excinfo:
        services.repair_order_open(by=advisor, unit=unit, complaint="Noise", failure_date=date(2026, 3, 30),
                                   odometer_or_hours=D("10"),
                                   lines=[{"kind": "part", "description": "Bearing", "quantity": 1,
                                           "unit_price": D("90"), "covered_by": "warranty"}])
    assert "covered by customer" in excinfo.value.message_dict["covered_by"][0]


@time_machine.travel(date(2026, 1, 20))
def test_readings_never_go_back(unit, advisor):
    services.repair_order_open(by=advisor, unit=unit, complaint="Service", failure_date=date(2026, 1, 10),
                               odometer_or_hours=D("1500"))
    with pytest.raises(ValidationError) as excinfo:
        services.repair_order_open(by=advisor, unit=unit, complaint="Again", failure_date=date(2026, 1, 19),
                                   odometer_or_hours=D("1499.9"))
    assert "1500" in excinfo.value.message_dict["odometer_or_hours"][0]
    services.repair_order_open(by=advisor, unit=unit, complaint="Same reading", failure_date=date(2026, 1, 19),
                               odometer_or_hours=D("1500"))


@time_machine.travel(date(2026, 1, 20))
def test_repair_order_states_and_who_may_work_them(unit, advisor, dealer, other_dealer):
    repair = services.repair_order_open(by=advisor, unit=unit, complaint="Brakes", failure_date=date(2026, 1, 19),
                                        odometer_or_hours=D("10"))
    with pytest.raises(NotPermitted):
        services.repair_order_advance(by=staff(other_dealer, DealerRole.SERVICE), repair=repair,
                                      to_status="in_progress")
    with pytest.raises(NotPermitted):
        services.repair_order_advance(by=staff(dealer, DealerRole.SALES), repair=repair, to_status="in_progress")
    with pytest.raises(InvalidTransition) as excinfo:
        services.repair_order_advance(by=advisor, repair=repair, to_status="completed")
    assert "is open" in str(excinfo.value)
    services.repair_order_advance(by=advisor, repair=repair, to_status="in_progress")
    with pytest.raises(ValidationError):
        services.repair_order_advance(by=advisor, repair=repair, to_status="completed")  # no lines yet
    services.repair_order_add_line(by=advisor, repair=repair, kind="labour", description="Pads", quantity=1,
                                   unit_price=D("100"))
    services.repair_order_advance(by=advisor, repair=repair, to_status="completed")
    services.repair_order_advance(by=advisor, repair=repair, to_status="closed")
    with pytest.raises(InvalidTransition):
        services.repair_order_add_line(by=advisor, repair=repair, kind="part", description="x", quantity=1,
                                       unit_price=D("1"))


def _completed_repair(unit, advisor, failure_date, lines):
    repair = services.repair_order_open(by=advisor, unit=unit, complaint="Fault", failure_date=failure_date,
                                        odometer_or_hours=D("100"), lines=lines)
    services.repair_order_advance(by=advisor, repair=repair, to_status="in_progress")
    return services.repair_order_advance(by=advisor, repair=repair, to_status="completed")


WARRANTY_LINES = [
    {"kind": "labour", "description": "Diagnose", "quantity": 1, "unit_price": D("200.00")},
    {"kind": "part", "description": "Pump", "quantity": 1, "unit_price": D("800.00")},
    {"kind": "part", "description": "Oil top-up", "quantity": 1, "unit_price": D("50.00"), "covered_by": "customer"},
]


@time_machine.travel(date(2026, 2, 10))
def test_a_claim_from_warranty_lines_approved_in_part_then_settled(unit, advisor, hq_ops):
    repair = _completed_repair(unit, advisor, date(2026, 2, 9), WARRANTY_LINES)
    claim = services.claim_create(by=advisor, repair=repair)
    assert claim.amount_claimed == D("1000.00")  # the customer's oil is not claimed
    services.claim_submit(by=advisor, claim=claim)
    with pytest.raises(NotPermitted):
        services.claim_approve(by=advisor, claim=claim, amount_approved=D("1000"))
    with pytest.raises(ValidationError):
        services.claim_approve(by=hq_ops, claim=claim, amount_approved=D("1000.01"))
    with pytest.raises(ValidationError):
        services.claim_approve(by=hq_ops, claim=claim, amount_approved=D("600"))  # a partial needs a reason
    services.claim_approve(by=hq_ops, claim=claim, amount_approved=D("600"), reason="Labour time above standard")
    claim.refresh_from_db()
    assert (claim.status, claim.amount_approved, claim.decided_by) == ("partially_approved", D("600.00"), hq_ops)
    services.claim_mark_settled(by=hq_ops, claim=claim)
    claim.refresh_from_db()
    assert claim.status == "settled"
    history = list(unit.events.filter(kind="claim").values_list("to_status", flat=True))
    assert history == ["draft", "submitted", "partially_approved", "settled"]


@time_machine.travel(date(2026, 3, 10))
def test_a_claim_for_a_failure_outside_warranty_is_refused_with_the_reason(unit, advisor):
    # Failure on the last warranty day is covered; the claim for it is filed after the window closed.
    repair = _completed_repair(unit, advisor, date(2026, 2, 28), WARRANTY_LINES[:1])
    claim = services.claim_create(by=advisor, repair=repair)
    services.claim_submit(by=advisor, claim=claim)  # fine: the failure date counts, not today

    unit.warranty_end = date(2026, 2, 27)  # had the warranty ended a day earlier...
    unit.save()
    repair2 = _completed_repair(unit, advisor, date(2026, 3, 1), [
        {"kind": "part", "description": "Seal", "quantity": 1, "unit_price": D("10"), "covered_by": "customer"}])
    with pytest.raises(ValidationError):
        services.claim_create(by=advisor, repair=repair2)  # nothing covered by warranty to claim
    claim.status = "draft"
    claim.save()
    with pytest.raises(ValidationError) as excinfo:
        services.claim_submit(by=advisor, claim=claim)
    assert excinfo.value.messages == [
        f"Unit {unit.serial} was out of warranty on 2026-02-28: its warranty ran from 2024-03-01 to 2026-02-27."]


@time_machine.travel(date(2026, 2, 10))
def test_rejecting_a_claim_needs_a_reason(unit, advisor, hq_ops):
    claim = services.claim_create(by=advisor, repair=_completed_repair(unit, advisor, date(2026, 2, 1),
                                                                        WARRANTY_LINES[:1]))
    services.claim_submit(by=advisor, claim=claim)
    with pytest.raises(ValidationError):
        services.claim_reject(by=hq_ops, claim=claim, reason=" ")
    services.claim_reject(by=hq_ops, claim=claim, reason="Damage from misuse")
    claim.refresh_from_db()
    assert (claim.status, claim.amount_approved) == ("rejected", D("0.00"))
    with pytest.raises(InvalidTransition):
        services.claim_mark_settled(by=hq_ops, claim=claim)


@time_machine.travel(date(2026, 2, 10))
def test_customers_request_service_on_their_own_units_only(unit, dealer):
    account = UserFactory()
    unit.owner.account = account
    unit.owner.save()
    request = services.service_request_create(by=account, unit=unit, description="Annual service",
                                              preferred_date=date(2026, 2, 20))
    assert (request.dealer, request.customer) == (dealer, unit.owner)
    stranger = UserFactory()
    CustomerFactory(account=stranger)
    with pytest.raises(NotPermitted):
        services.service_request_create(by=stranger, unit=unit, description="Not mine")
