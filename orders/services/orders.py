"""Orders: from submission through the factory to handover, with a milestone at every step."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition
from dealers.roles import require_hq
from orders import tasks
from orders.choices import OrderKind, OrderStatus
from orders.models import ORDER_PATH, Order, OrderLine, OrderMilestone, Quote
from orders.pricing import price_line, sum_lines
from orders.services.quotes import _resolve_lines, _tax_rate, require_dealer_sales
from vehicles.services import units as unit_services

FACTORY_ROLES = ("hq_admin", "hq_ops")
# When HQ gives no dates, a confirmed order is expected to move on after these many days.
DEFAULT_LEAD_TIMES = {
    OrderStatus.IN_PRODUCTION: 7,
    OrderStatus.SHIPPED: 21,
    OrderStatus.AT_DEALER: 28,
    OrderStatus.DELIVERED: 30,
}
ALLOCATABLE = {OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION,
               OrderStatus.AT_DEALER}


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


# --- creation ------------------------------------------------------------------------------------

def _write_lines(order: Order, lines: list[dict]) -> None:
    """One order line per unit: a line of quantity 3 becomes three lines of one."""
    rows, prices = [], []
    for line in lines:
        for _i in range(line["quantity"]):
            price = price_line(quantity=1, unit_price=line["unit_price"], options_price=line["options_price"],
                               discount_percent=line.get("discount_percent", 0), tax_rate=order.tax_rate,
                               currency=order.currency)
            prices.append(price)
            rows.append(OrderLine(order=order, model=line["model"], options=line["options"], quantity=1,
                                  unit_price=line["unit_price"], options_price=line["options_price"],
                                  gross=price.gross, discount=price.discount, tax=price.tax, total=price.total))
    OrderLine.objects.bulk_create(rows)
    totals = sum_lines(prices)
    order.subtotal, order.discount_total = totals.subtotal, totals.discount_total
    order.tax_total, order.total = totals.tax_total, totals.total
    order.save(update_fields=["subtotal", "discount_total", "tax_total", "total", "updated_at"])


@transaction.atomic
def order_create(*, by, kind: str, dealer, lines: list[dict], customer=None, lead=None) -> Order:
    """A retail order for a customer (no quote needed) or a stock order for the dealer's inventory."""
    require_dealer_sales(by, dealer.pk)
    if kind == OrderKind.RETAIL and customer is None:
        raise ValidationError({"customer": [_("A retail order needs a customer.")]})
    if kind == OrderKind.STOCK and customer is not None:
        raise ValidationError({"customer": [_("A stock order is for the dealer's own inventory: no customer.")]})
    if lead is not None and (lead.dealer_id != dealer.pk or lead.customer_id != getattr(customer, "pk", None)):
        raise ValidationError({"lead": [_("The lead must be this dealer's and this customer's.")]})
    resolved = _resolve_lines(lines)
    order = Order.objects.create(kind=kind, dealer=dealer, customer=customer, lead=lead, created_by=by,
                                 currency=resolved[0]["model"].currency, tax_rate=_tax_rate(dealer))
    _write_lines(order, resolved)
    order.milestones.create(status=OrderStatus.DRAFT, to_status=OrderStatus.DRAFT, at=timezone.now(), actor=by,
                            reason=_("Order created."))
    return order


def order_from_quote(*, by, quote: Quote) -> Order:
    """Called by quote_convert inside its transaction, with the quote locked."""
    order = Order(kind=OrderKind.RETAIL, dealer=quote.dealer, customer=quote.customer, quote=quote, lead=quote.lead,
                  currency=quote.currency, tax_rate=quote.tax_rate, created_by=by)
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError as exc:  # a racing conversion got there first
        raise Conflict(_("This quote was already converted into an order."), code="already_converted") from exc
    lines = [{"model": line.model, "quantity": line.quantity, "unit_price": line.unit_price,
              "options": line.options, "options_price": line.options_price,
              "discount_percent": quote.discount_percent} for line in quote.lines.select_related("model")]
    _write_lines(order, lines)
    order.milestones.create(status=OrderStatus.DRAFT, to_status=OrderStatus.DRAFT, at=timezone.now(), actor=by,
                            reason=_("Converted from quote %(quote)s.") % {"quote": quote.reference})
    return order


# --- the journey -------------------------------------------------------------------------------

@transaction.atomic
def order_submit(*, by, order: Order) -> Order:
    order = _lock(order)
    require_dealer_sales(by, order.dealer_id)
    OrderMilestone.objects.bulk_create(
        OrderMilestone(order=order, status=step, to_status=step) for step in ORDER_PATH
        if not order.milestones.filter(status=step).exists()
    )
    Order.WORKFLOW.advance(order, OrderStatus.SUBMITTED, by=by, action=_("be submitted"))
    return order


def _set_expected(order: Order, expected: dict | None, *, base=None) -> None:
    """HQ's expected dates for the steps ahead; defaults follow the usual lead times."""
    base = base or timezone.localdate()
    for step, days in DEFAULT_LEAD_TIMES.items():
        on = (expected or {}).get(step)
        milestone = order.milestones.filter(status=step, at__isnull=True).first()
        if milestone is None:
            continue
        if on is not None:
            milestone.expected_on = on
        elif milestone.expected_on is None:
            milestone.expected_on = base + timedelta(days=days)
        milestone.save(update_fields=["expected_on"])


@transaction.atomic
def order_confirm(*, by, order: Order, expected: dict | None = None) -> Order:
    """HQ accepts the order into the factory plan. A retail order from a lead wins that lead."""
    require_hq(by, *FACTORY_ROLES)
    order = _lock(order)
    Order.WORKFLOW.advance(order, OrderStatus.CONFIRMED, by=by, action=_("be confirmed"))
    _set_expected(order, expected)
    if order.kind == OrderKind.RETAIL and order.lead_id:
        from leads import services as lead_services  # orders may import leads (DESIGN.md section 2)

        lead_services.lead_mark_won(by=by, lead=order.lead, order=order)
    _notify_customer(order, OrderStatus.CONFIRMED)
    return order


@transaction.atomic
def order_start_production(*, by, order: Order, expected: dict | None = None) -> Order:
    require_hq(by, *FACTORY_ROLES)
    order = _lock(order)
    Order.WORKFLOW.advance(order, OrderStatus.IN_PRODUCTION, by=by, action=_("go into production"))
    _set_expected(order, expected)
    _notify_customer(order, OrderStatus.IN_PRODUCTION)
    return order


@transaction.atomic
def order_ship(*, by, order: Order, expected: dict | None = None) -> Order:
    """The factory ships: every line must have its unit; factory units go in transit to the dealer."""
    require_hq(by, *FACTORY_ROLES)
    order = _lock(order)
    Order.WORKFLOW.check(order, OrderStatus.SHIPPED, action=_("be shipped"))
    lines = list(order.lines.select_related("unit"))
    if any(line.unit_id is None for line in lines):
        raise InvalidTransition(_("Allocate a unit to every line before shipping."), code="not_allocated")
    for line in lines:
        if line.unit.dealer_id is None:  # still at the factory
            unit_services.unit_ship(by=by, unit=line.unit, to_dealer=order.dealer, ref=order)
    Order.WORKFLOW.advance(order, OrderStatus.SHIPPED, by=by)
    _set_expected(order, expected)
    _notify_customer(order, OrderStatus.SHIPPED)
    return order


@transaction.atomic
def order_receive(*, by, order: Order) -> Order:
    """The dealer takes the shipment in: its units are now in the dealer's stock."""
    order = _lock(order)
    require_dealer_sales(by, order.dealer_id)
    Order.WORKFLOW.check(order, OrderStatus.AT_DEALER, action=_("be received"))
    for line in order.lines.select_related("unit"):
        if line.unit is not None and line.unit.status == "in_transit":
            unit_services.unit_receive(by=by, unit=line.unit, dealer=order.dealer, ref=order)
    Order.WORKFLOW.advance(order, OrderStatus.AT_DEALER, by=by)
    _notify_customer(order, OrderStatus.AT_DEALER)
    return order


@transaction.atomic
def order_deliver(*, by, order: Order) -> Order:
    """Hand over: each unit is sold to the customer, its warranty starts, it joins their assets."""
    order = _lock(order)
    require_dealer_sales(by, order.dealer_id)
    Order.WORKFLOW.check(order, OrderStatus.DELIVERED, action=_("be delivered"))
    lines = list(order.lines.select_related("unit", "unit__model"))
    if any(line.unit_id is None for line in lines):
        raise InvalidTransition(_("Every line needs its unit before handover."), code="not_allocated")
    today = timezone.localdate()
    if order.kind == OrderKind.RETAIL:
        for line in lines:
            unit_services.unit_hand_over(by=by, unit=line.unit, owner=order.customer, delivered_on=today,
                                         selling_dealer=order.dealer, ref=order)
    order.delivered_at = timezone.now()
    Order.WORKFLOW.advance(order, OrderStatus.DELIVERED, by=by, extra_fields=["delivered_at"])
    _notify_customer(order, OrderStatus.DELIVERED)
    return order


@transaction.atomic
def order_cancel(*, by, order: Order, reason: str) -> Order:
    """The dealer may cancel until HQ confirms; HQ operations until delivery. Units are freed."""
    order = _lock(order)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the order is cancelled.")]})
    if by.role_at_hq not in FACTORY_ROLES:
        require_dealer_sales(by, order.dealer_id)
        if order.status not in (OrderStatus.DRAFT, OrderStatus.SUBMITTED):
            raise InvalidTransition(_("This order is %(status)s; after HQ confirmed it only HQ can cancel it.")
                                    % {"status": order.status})
    order.cancel_reason = reason
    Order.WORKFLOW.advance(order, OrderStatus.CANCELLED, by=by, reason=reason, action=_("be cancelled"),
                           extra_fields=["cancel_reason"])
    for line in order.lines.filter(unit__isnull=False).select_related("unit"):
        unit_services.unit_record_event(unit=line.unit, by=by, kind="order",
                                        summary=_("Released: order %(order)s cancelled.") % {"order": order.reference},
                                        ref=order)
    order.lines.update(is_live=False)
    order.milestones.filter(at__isnull=True).delete()  # the steps ahead will not happen
    return order


@transaction.atomic
def order_return(*, by, order: Order, reason: str) -> Order:
    """HQ takes a delivered order back (a rescinded sale): its units return to the dealer's stock,
    and the commission already paid on it is charged back in the next settlement run."""
    require_hq(by, *FACTORY_ROLES)
    order = _lock(order)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the order is returned.")]})
    order.cancel_reason = reason
    Order.WORKFLOW.advance(order, OrderStatus.RETURNED, by=by, reason=reason, action=_("be returned"),
                           extra_fields=["cancel_reason"])
    for line in order.lines.filter(unit__isnull=False).select_related("unit"):
        unit_services.unit_take_back(by=by, unit=line.unit, dealer=order.dealer, ref=order, reason=reason)
    order.lines.update(is_live=False)
    return order


# --- allocation --------------------------------------------------------------------------------

@transaction.atomic
def order_allocate(*, by, order: Order, line: OrderLine, unit) -> OrderLine:
    """Put a unit on an order line. HQ allocates factory units; the dealer units from its own stock.
    A unit sits on at most one live line: the row lock serialises racing allocations and the
    database constraint is the last word."""
    order = _lock(order)
    line = OrderLine.objects.select_for_update().get(pk=line.pk, order=order)
    unit = type(unit).objects.select_for_update().get(pk=unit.pk)
    if order.status not in ALLOCATABLE:
        raise InvalidTransition(_("This order is %(status)s; units can no longer be allocated.")
                                % {"status": order.status})
    at_factory = unit.dealer_id is None
    if at_factory:
        require_hq(by, *FACTORY_ROLES)
        if unit.status not in ("planned", "built"):
            raise ValidationError({"unit": [_("Unit %(serial)s is %(status)s, not available at the factory.")
                                            % {"serial": unit.serial, "status": unit.status}]})
    else:
        if by.role_at_hq not in FACTORY_ROLES:
            require_dealer_sales(by, order.dealer_id)
        if unit.dealer_id != order.dealer_id or unit.status != "dealer_stock":
            raise ValidationError({"unit": [_("Unit %(serial)s is not in this dealer's stock.")
                                            % {"serial": unit.serial}]})
    if unit.model_id != line.model_id:
        raise ValidationError({"unit": [_("Unit %(serial)s is a %(model)s; the line is for a %(wanted)s.")
                                        % {"serial": unit.serial, "model": unit.model, "wanted": line.model}]})
    taken = OrderLine.objects.filter(unit=unit, is_live=True).exclude(pk=line.pk).select_related("order").first()
    if taken:
        raise Conflict(_("Unit %(serial)s is already allocated to order %(order)s.")
                       % {"serial": unit.serial, "order": taken.order.reference}, code="unit_taken")
    previous = line.unit
    line.unit = unit
    try:
        with transaction.atomic():
            line.save(update_fields=["unit"])
    except IntegrityError as exc:
        raise Conflict(_("Unit %(serial)s was just allocated to another order.") % {"serial": unit.serial},
                       code="unit_taken") from exc
    if previous is not None and previous.pk != unit.pk:
        unit_services.unit_record_event(unit=previous, by=by, kind="order", ref=order,
                                        summary=_("Released from order %(order)s.") % {"order": order.reference})
    unit_services.unit_record_event(unit=unit, by=by, kind="order", ref=order,
                                    summary=_("Allocated to order %(order)s.") % {"order": order.reference})
    return line


def _notify_customer(order: Order, step: str) -> None:
    if order.kind == OrderKind.RETAIL and order.customer_id and order.customer.email:
        tasks.notify_order_milestone.delay_on_commit(order.pk, step)
