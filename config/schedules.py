"""Celery beat schedules: every periodic job of every app, in one place."""

BEAT_SCHEDULE: dict = {
    "leads-lapse-overdue-offers": {"task": "leads.tasks.lapse_overdue_offers", "schedule": 60.0},
}
