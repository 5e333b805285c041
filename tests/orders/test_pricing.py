from decimal import Decimal

from orders.pricing import price_line, sum_lines

D = Decimal


def line(qty, price, options="0", discount="0", tax="0.13"):
    return price_line(quantity=qty, unit_price=D(price), options_price=D(options), discount_percent=D(discount),
                      tax_rate=D(tax), currency="CNY")


def test_a_line_discounts_then_taxes_and_rounds_each_step_half_up():
    price = line(2, "168000.00", options="3500.00", discount="3.5")
    assert price.gross == D("343000.00")
    assert price.discount == D("12005.00")
    assert price.net == D("330995.00")
    assert price.tax == D("43029.35")
    assert price.total == D("374024.35")


def test_totals_are_sums_of_rounded_lines_not_a_rounded_sum():
    # Each line's tax is 0.065 → 0.07 when rounded on its own; rounding the sum would give 0.20.
    lines = [line(1, "0.50"), line(1, "0.50"), line(1, "0.50")]
    assert [li.tax for li in lines] == [D("0.07")] * 3
    totals = sum_lines(lines)
    assert totals.tax_total == D("0.21")
    assert round(D("1.50") * D("0.13"), 2) == D("0.20")  # what rounding the sum would have given
    assert totals.total == D("1.71")


def test_empty_document_totals_are_zero():
    totals = sum_lines([])
    assert (totals.subtotal, totals.tax_total, totals.total) == (D("0.00"), D("0.00"), D("0.00"))
