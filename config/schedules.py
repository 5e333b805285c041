"""Celery beat schedules: every periodic job of every app, in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "leads-lapse-overdue-offers": {"task": "leads.tasks.lapse_overdue_offers", "schedule": 60.0},
    "orders-expire-quotes": {"task": "orders.tasks.expire_quotes", "schedule": crontab(minute=5, hour=0)},
}
