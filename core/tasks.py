import socket

from celery import shared_task
from django.db import connection

from core.jobs import run_job


@shared_task
def ping() -> str:
    """Answers with the worker's host name: `manage.py check_services` uses it to see a worker is up."""
    return socket.gethostname()


@shared_task
def diagnose(job_id: int) -> dict | None:
    """Proves a worker reaches the same database as the web process: it finds and completes the job."""

    def work(job, report):
        report(50)
        return {"worker": socket.gethostname(), "database": connection.vendor}

    return run_job(job_id, work)
