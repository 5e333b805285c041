from decimal import Decimal

import pytest

from core.errors import InvalidTransition
from core.money import quantize
from core.workflow import Workflow


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("10.005", "CNY", "10.01"),  # half-up, not banker's rounding
        ("10.004", "CNY", "10.00"),
        ("-2.675", "EUR", "-2.68"),
        ("1234.5", "JPY", "1235"),
        (Decimal("0.125"), "USD", "0.13"),
    ],
)
def test_quantize_rounds_half_up_to_the_currency_minor_unit(amount, currency, expected):
    assert quantize(amount, currency) == Decimal(expected)


class Thing:
    class _meta:
        verbose_name = "order"

    def __init__(self, status):
        self.status = status


WORKFLOW = Workflow({"draft": {"submitted", "cancelled"}, "submitted": {"confirmed"}})


def test_workflow_allows_only_declared_steps():
    assert WORKFLOW.can("draft", "submitted")
    assert not WORKFLOW.can("submitted", "draft")
    assert WORKFLOW.targets("confirmed") == frozenset()


def test_an_illegal_step_names_the_current_state():
    with pytest.raises(InvalidTransition) as excinfo:
        WORKFLOW.check(Thing("submitted"), "cancelled", action="cancel")
    assert str(excinfo.value) == "This order is submitted, so it cannot cancel."
    assert excinfo.value.status == 409
