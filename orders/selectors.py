"""Reads that need more than a filter."""

from orders.choices import OrderKind
from orders.models import Order, Quote


def tracking_for(token: str) -> dict | None:
    """What the customer's tracking link shows: status, model, milestones, the dealer's name and
    phone. Nothing personal and no prices. None for an unknown token (the caller answers 404)."""
    order = (
        Order.objects.filter(tracking_token=token, kind=OrderKind.RETAIL)
        .select_related("dealer")
        .prefetch_related("lines__model", "milestones")
        .first()
    )
    if order is None:
        return None
    models = list(dict.fromkeys(line.model.name for line in order.lines.all()))
    return {
        "reference": order.reference,
        "status": order.status,
        "model": ", ".join(models),
        "milestones": [
            {"status": m.status, "at": m.at, "expected": m.expected_on}
            for m in order.milestones.all()
            if m.status != "draft"
        ],
        "dealer": {"name": order.dealer.name, "phone": order.dealer.phone},
    }


def sent_quote(token: str) -> Quote | None:
    """The quote behind a customer's link: only one that was sent (it has a version kept)."""
    return (Quote.objects.filter(accept_token=token, versions__isnull=False).select_related("dealer")
            .distinct().first())
