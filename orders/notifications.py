"""Emails to end customers. Called from Celery tasks after the transaction that caused them."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from orders.choices import OrderStatus
from orders.models import Order, Quote


def quote_sent(quote_id: int) -> None:
    quote = Quote.objects.select_related("customer", "dealer").get(pk=quote_id)
    if not quote.customer.email:
        return
    context = {"quote": quote, "link": f"{settings.PORTAL_BASE_URL}/quote/{quote.accept_token}/"}
    _send("orders/email/quote_sent", context, quote.customer.email)


def order_milestone(order_id: int, step: str) -> None:
    order = Order.objects.select_related("customer", "dealer").get(pk=order_id)
    if not order.customer or not order.customer.email:
        return
    context = {"order": order, "step": step, "step_label": OrderStatus(step).label,
               "link": f"{settings.PORTAL_BASE_URL}/track/{order.tracking_token}/"}
    _send("orders/email/order_milestone", context, order.customer.email)


def _send(template: str, context: dict, to: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
