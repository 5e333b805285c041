"""Celery beat schedules: every periodic job of every app, in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "leads-lapse-overdue-offers": {"task": "leads.tasks.lapse_overdue_offers", "schedule": 60.0},
    "settlements-monthly-run": {"task": "settlements.tasks.monthly_settlement",
                                "schedule": crontab(minute=30, hour=2, day_of_month=2)},
    "orders-expire-quotes": {"task": "orders.tasks.expire_quotes", "schedule": crontab(minute=5, hour=0)},
}
