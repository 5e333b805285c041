"""`python manage.py check_services`: after a deploy, prove the database, the cache and a Celery
worker all answer, and that the worker reads the same database as this process."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from config.celery import app
from core.jobs import start_job
from core.models import Job
from core.tasks import diagnose


class Command(BaseCommand):
    help = "Check that the database, the cache and a Celery worker are reachable and agree."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=20, help="Seconds to wait for a worker.")

    def handle(self, *args, timeout, **options):
        failures = []
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        self.stdout.write(f"database: ok ({connection.vendor})")

        key = f"check-services-{uuid.uuid4().hex}"
        cache.set(key, "ok", 30)
        if cache.get(key) == "ok":
            self.stdout.write(f"cache: ok ({settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]})")
        else:
            failures.append("cache: a value written could not be read back")
        cache.delete(key)

        if app.conf.task_always_eager:
            self.stdout.write("worker: none needed (tasks run in-process; set REDIS_URL to use workers)")
        else:
            answers = app.control.ping(timeout=min(timeout, 5))
            if not answers:
                failures.append("worker: no Celery worker answered a ping")
            else:
                self.stdout.write(f"worker: {len(answers)} answered the ping")
                failures += self._job_roundtrip(timeout)
        if failures:
            raise CommandError("; ".join(failures))
        self.stdout.write(self.style.SUCCESS("all services answer"))

    def _job_roundtrip(self, timeout: float) -> list[str]:
        job = start_job(kind="diagnose", by=None, task=diagnose)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == Job.Status.SUCCEEDED:
                self.stdout.write(f"job: ok (worker {job.result['worker']} on {job.result['database']})")
                return []
            if job.status == Job.Status.FAILED:
                return [f"job: the worker failed it: {job.error}"]
            time.sleep(0.2)
        return ["job: no worker completed it; is the worker using the same DATABASE_URL?"]
