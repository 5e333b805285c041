"""Celery beat schedules: every periodic job of every app, in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "orders-expire-quotes": {"task": "orders.tasks.expire_quotes", "schedule": crontab(minute=5, hour=0)},
}
