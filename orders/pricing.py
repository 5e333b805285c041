"""Prices of quote and order lines: Decimal, rounded half-up per line, totals summed from lines.

DESIGN.md section 6: every line's discount and tax are rounded to the currency's minor unit; a
document's totals are the sums of its rounded lines (so the printed lines always add up).
"""

from dataclasses import dataclass
from decimal import Decimal

from core.money import ZERO, quantize

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LinePrice:
    gross: Decimal  # quantity x (unit price + options)
    discount: Decimal
    net: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discount_total: Decimal
    net_total: Decimal
    tax_total: Decimal
    total: Decimal


def price_line(*, quantity: int, unit_price: Decimal, options_price: Decimal, discount_percent: Decimal,
               tax_rate: Decimal, currency: str) -> LinePrice:
    gross = quantize(quantity * (unit_price + options_price), currency)
    discount = quantize(gross * discount_percent / HUNDRED, currency)
    net = gross - discount
    tax = quantize(net * tax_rate, currency)
    return LinePrice(gross=gross, discount=discount, net=net, tax=tax, total=net + tax)


def sum_lines(lines: list[LinePrice]) -> Totals:
    subtotal = sum((line.gross for line in lines), ZERO)
    discount = sum((line.discount for line in lines), ZERO)
    tax = sum((line.tax for line in lines), ZERO)
    return Totals(subtotal=subtotal, discount_total=discount, net_total=subtotal - discount, tax_total=tax,
                  total=subtotal - discount + tax)
