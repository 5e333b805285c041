"""Demo quotes and orders in every state, made through the real services (so events, milestones,
units and leads all agree), then spread back over the last six months."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from dealers.models import Customer, Dealer, User
from leads.models import Lead
from orders.choices import OrderStatus, QuoteStatus
from orders.models import DiscountLimit, Order, OrderMilestone, Quote, TaxRate
from orders.services import orders as order_services
from orders.services import quotes as quote_services
from vehicles.models import Option, ProductModel, Unit
from vehicles.vin import with_check_digit

LIMITS = {"platinum": "8.00", "gold": "6.00", "silver": "4.00", "bronze": "2.00"}
ORDER_FATES = [OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION,
               OrderStatus.SHIPPED, OrderStatus.AT_DEALER] + [OrderStatus.DELIVERED] * 8 + [OrderStatus.CANCELLED]


def seed(out, *, password: str) -> list[tuple[str, str]]:
    TaxRate.objects.get_or_create(country="CN", valid_from=date(2019, 4, 1), defaults={"rate": Decimal("0.1300")})
    for tier, limit in LIMITS.items():
        DiscountLimit.objects.get_or_create(tier=tier, defaults={"max_percent": Decimal(limit)})
    if Order.objects.exists():
        out.write(f"  orders already there: {Order.objects.count()}")
        return _tracking_logins()
    rng = random.Random(55)
    hq = User.objects.get(username="hq.ops")
    dealers = {d.pk: d for d in Dealer.objects.filter(active=True, has_sales=True)}
    managers = {u.membership.dealer_id: u for u in User.objects.filter(
        membership__role="sales_manager", membership__dealer__in=dealers).select_related("membership")}
    won = list(Lead.objects.filter(status="won", dealer_id__in=managers).select_related("customer", "model")[:140])
    quoted = list(Lead.objects.filter(status="quoted", dealer_id__in=managers).select_related("customer", "model")[:60])
    options = {}
    for option in Option.objects.filter(model__isnull=False):
        options.setdefault(option.model_id, []).append(option.code)
    serial = iter(range(500000, 600000))

    def quote_for(lead, discount):
        lines = [{"model": lead.model, "quantity": rng.choice([1, 1, 1, 2]),
                  "options": options.get(lead.model_id, [])[:rng.randint(0, 1)]}]
        return quote_services.quote_create(by=managers[lead.dealer_id], dealer=dealers[lead.dealer_id],
                                           customer=lead.customer, lead=lead, lines=lines,
                                           discount_percent=Decimal(discount))

    # Quotes for leads still being worked: in every quote state.
    for i, lead in enumerate(quoted):
        seller = managers[lead.dealer_id]
        quote = quote_for(lead, rng.choice(["0", "2", "3.5", "9"]))
        fate = QuoteStatus.values[i % len(QuoteStatus.values)]
        if fate == QuoteStatus.DRAFT:
            continue
        quote_services.quote_submit(by=seller, quote=quote)
        quote.refresh_from_db()
        if quote.status == QuoteStatus.PENDING_APPROVAL:
            if fate == QuoteStatus.PENDING_APPROVAL:
                continue
            quote_services.quote_approve(by=hq, quote=quote)
        if fate == QuoteStatus.APPROVED:
            continue
        quote_services.quote_send(by=seller, quote=quote)
        if fate == QuoteStatus.DECLINED:
            quote_services.quote_decline(by=seller, quote=quote, reason="Went with a used unit")
        elif fate == QuoteStatus.EXPIRED:
            Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=3))
            quote_services.quotes_expire_due()
        elif fate == QuoteStatus.ACCEPTED:
            quote_services.quote_accept(by=None, quote=quote)

    # Orders from won leads: quote, acceptance, conversion, then the factory journey.
    accounts = list(Customer.objects.filter(account__isnull=False))
    for i, lead in enumerate(won):
        seller = managers[lead.dealer_id]
        if i < len(accounts):  # the demo customers with an account follow an order of their own
            lead.customer = accounts[i]
            Lead.objects.filter(pk=lead.pk).update(customer=accounts[i])
        quote = quote_for(lead, rng.choice(["0", "1.5", "3"]))
        if quote_services.quote_submit(by=seller, quote=quote).status == QuoteStatus.PENDING_APPROVAL:
            quote_services.quote_approve(by=hq, quote=quote)
        quote_services.quote_send(by=seller, quote=quote)
        quote_services.quote_accept(by=seller, quote=quote)
        order = quote_services.quote_convert(by=seller, quote=quote)
        fate = OrderStatus.SHIPPED if i < len(accounts) else ORDER_FATES[i % len(ORDER_FATES)]
        _journey(order, fate, seller, hq, rng, serial)
    _stock_orders(rng, dealers, managers, hq, serial)
    for order in Order.objects.filter(status=OrderStatus.DELIVERED, kind="retail").order_by("-pk")[:2]:
        order_services.order_return(by=hq, order=order, reason="Sale rescinded: the customer's financing failed")
    _spread_over_months(rng)
    out.write(f"  {Quote.objects.count()} quotes, {Order.objects.count()} orders: " + ", ".join(
        f"{s} {Order.objects.filter(status=s).count()}" for s in OrderStatus.values))
    return _tracking_logins()


def _factory_unit(model, serial) -> Unit:
    number = next(serial)
    code = (model.code.upper().replace("-", "") + "XXXXX")[:5].replace("O", "0").replace("I", "1").replace("Q", "9")
    vin = with_check_digit(f"LTL{code}0TZ{number:06d}") if model.kind == "vehicle" else f"{model.code.upper()}-F{number}"
    return Unit.objects.create(serial=vin, kind=model.kind, model=model, status="planned")


def _journey(order, fate, seller, hq, rng, serial):
    if fate == OrderStatus.DRAFT:
        return
    if fate == OrderStatus.CANCELLED:
        order_services.order_cancel(by=seller, order=order, reason="Customer's financing fell through")
        return
    order_services.order_submit(by=seller, order=order)
    if fate == OrderStatus.SUBMITTED:
        return
    order_services.order_confirm(by=hq, order=order)
    for line in order.lines.select_related("model"):
        order_services.order_allocate(by=hq, order=order, line=line, unit=_factory_unit(line.model, serial))
    steps = [(OrderStatus.IN_PRODUCTION, order_services.order_start_production, hq),
             (OrderStatus.SHIPPED, order_services.order_ship, hq),
             (OrderStatus.AT_DEALER, order_services.order_receive, seller),
             (OrderStatus.DELIVERED, order_services.order_deliver, seller)]
    for status, step, by in steps:
        if ORDER_FATES.index(fate) < ORDER_FATES.index(status):
            return
        step(by=by, order=order)


def _stock_orders(rng, dealers, managers, hq, serial):
    models = list(ProductModel.objects.filter(active=True))
    for dealer_id in rng.sample(sorted(managers), 12):
        order = order_services.order_create(by=managers[dealer_id], kind="stock", dealer=dealers[dealer_id],
                                            lines=[{"model": rng.choice(models), "quantity": 2}])
        _journey(order, rng.choice([OrderStatus.SUBMITTED, OrderStatus.CONFIRMED, OrderStatus.DELIVERED]),
                 managers[dealer_id], hq, rng, serial)


def _spread_over_months(rng):
    """The services stamped everything today; spread delivered orders back over six months so
    settlements and performance have history (handover dates and warranties move with them)."""
    now = timezone.now()
    for order in Order.objects.filter(status=OrderStatus.DELIVERED, kind="retail"):
        back = timedelta(days=rng.randint(1, 175))
        delivered = now - back
        Order.objects.filter(pk=order.pk).update(delivered_at=delivered, created_at=delivered - timedelta(days=45))
        OrderMilestone.objects.filter(order=order, status=OrderStatus.DELIVERED).update(at=delivered)
        for line in order.lines.select_related("unit__model"):
            unit = line.unit
            months = unit.model.warranty_months
            from vehicles.services.units import warranty_end_for

            day = delivered.date()
            Unit.objects.filter(pk=unit.pk).update(delivered_on=day, warranty_start=day,
                                                   warranty_end=warranty_end_for(day, months))


def _tracking_logins() -> list[tuple[str, str]]:
    rows = []
    for order in Order.objects.filter(customer__account__isnull=False).select_related("customer__account")[:3]:
        rows.append((f"/track/{order.tracking_token}/",
                     f"tracking link of {order.customer.name}'s order {order.reference} (no sign-in needed)"))
    return rows
