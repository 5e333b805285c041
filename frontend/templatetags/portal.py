from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


@register.filter
def money(amount, currency="CNY"):
    """`{{ order.total|money:order.currency }}` → "¥1,234.50", grouped the way the language writes it."""
    if amount in (None, ""):
        return "—"
    formatted = number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{formatted}" if symbol else f"{formatted} {currency}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and sort links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"
