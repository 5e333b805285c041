"""Running long work as a Job that a client polls at /api/v1/jobs/{id}/.

A service calls `start_job(...)`; the Celery task (which takes only the job's id) calls
`run_job(job_id, work)`, where `work(job, report)` does the job and returns its result. A job that
already succeeded is not done again, so a redelivered task is harmless.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from core.models import Job

log = logging.getLogger(__name__)

Report = Callable[[int], None]


def start_job(*, kind: str, by, task, params: dict | None = None) -> Job:
    """Create the job row and enqueue `task(job.id)` once the caller's transaction commits."""
    job = Job.objects.create(kind=kind, created_by=by, params=params or {})
    task.delay_on_commit(job.id)
    return job


def run_job(job_id: int, work: Callable[[Job, Report], dict]) -> dict | None:
    job = Job.objects.get(pk=job_id)
    if job.status == Job.Status.SUCCEEDED:
        return job.result
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now(), error="")

    def report(percent: int) -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(100, int(percent))))

    try:
        result = work(job, report)
    except Exception as exc:
        # The job row is the client's only window on the work: record why it failed, keep the
        # traceback in the worker's log, and do not re-raise into an eager caller's request.
        log.exception("job %s (%s) failed", job_id, job.kind)
        with transaction.atomic():
            Job.objects.filter(pk=job_id).update(
                status=Job.Status.FAILED, error=str(exc) or exc.__class__.__name__, finished_at=timezone.now()
            )
        return None
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED, progress=100, result=result, finished_at=timezone.now()
    )
    return result
