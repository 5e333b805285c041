"""Celery beat schedules: every periodic job of every app, in one place."""

BEAT_SCHEDULE: dict = {}
