from celery import shared_task


@shared_task
def settlement_run_job(job_id: int) -> dict | None:
    """A month's settlement run; re-running it (or a redelivered task) adds only what is missing."""
    from core.jobs import run_job
    from settlements.services.runs import settlement_run

    def work(job, report):
        return settlement_run(by=job.created_by, period=job.params["period"], progress=report)

    return run_job(job_id, work)


@shared_task
def monthly_settlement() -> dict:
    """Beat, on the 2nd of each month: settle the month that just ended."""
    from datetime import timedelta

    from django.utils import timezone

    from settlements import periods
    from settlements.services.runs import settlement_run

    today = timezone.localdate()
    previous = periods.label(today.replace(day=1) - timedelta(days=1))
    return settlement_run(by=None, period=previous)
