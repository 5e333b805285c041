from celery import shared_task

from leads import notifications


@shared_task
def route_leads_job(job_id: int) -> dict | None:
    """A routing batch: chunks commit one by one; a re-run routes only what is still new."""
    from core.jobs import run_job
    from leads.services.routing import route_leads

    def work(job, report):
        return route_leads(by=job.created_by, lead_ids=job.params["lead_ids"], progress=report).as_dict()

    return run_job(job_id, work)


@shared_task
def lapse_overdue_offers() -> dict:
    """Beat, every minute: offers not accepted in time go to the next dealer."""
    from leads.services.sla import lapse_overdue_offers as lapse

    return lapse()


@shared_task
def notify_offers(dealer_id: int, lead_ids: list[int]) -> None:
    notifications.offers(dealer_id, lead_ids)


@shared_task
def notify_unroutable(lead_ids: list[int]) -> None:
    notifications.unroutable(lead_ids)
