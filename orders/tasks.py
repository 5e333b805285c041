from celery import shared_task
from django.utils import timezone

from orders import notifications
from orders.services.quotes import quotes_expire_due


@shared_task
def notify_quote_sent(quote_id: int) -> None:
    notifications.quote_sent(quote_id)


@shared_task
def notify_order_milestone(order_id: int, step: str) -> None:
    notifications.order_milestone(order_id, step)


@shared_task
def expire_quotes() -> int:
    """Beat, daily: sent quotes past their validity become expired."""
    return quotes_expire_due(timezone.localdate())
