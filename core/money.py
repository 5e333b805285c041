"""Money: Decimal amounts with an explicit currency, rounded half-up to the currency's minor unit."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

MAX_DIGITS = 14
DECIMAL_PLACES = 2
DEFAULT_CURRENCY = "CNY"
ZERO = Decimal("0.00")

# ISO 4217 minor units of the currencies the network trades in; two places unless listed.
_MINOR_UNITS = {"JPY": 0, "KRW": 0}


def quantize(amount, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """Round half-up to the currency's minor unit. Lines are rounded; totals are sums of lines."""
    places = _MINOR_UNITS.get(currency, DECIMAL_PLACES)
    return Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class MoneyField(models.DecimalField):
    """An amount column with the project's digits and places; pair it with a CurrencyField."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(*args, **kwargs)


class CurrencyField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("default", DEFAULT_CURRENCY)
        super().__init__(*args, **kwargs)
