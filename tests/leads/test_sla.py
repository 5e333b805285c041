"""The acceptance SLA with a controlled clock: a lapsed offer goes to the next dealer."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from dealers.choices import DealerRole
from leads.models import LeadExclusion
from leads.services import route_leads
from leads.services.sla import lapse_overdue_offers
from tests.dealers.factories import staff
from tests.leads.conftest import make_dealer


def test_an_offer_not_accepted_in_time_moves_on(policy, trucks, shanghai_lead, time_machine,
                                                django_capture_on_commit_callbacks):
    policy.sla_hours_gold = 8
    policy.save()
    slow = make_dealer("slow", 31.23, 121.47, trucks, tier="gold")
    quick = make_dealer("quick", 31.40, 121.20, trucks, tier="gold")
    staff(quick, DealerRole.SALES_MANAGER, email="desk@quick.example.com")
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    lead = shanghai_lead()
    route_leads(by=None, lead_ids=[lead.pk])
    lead.refresh_from_db()
    assert lead.dealer == slow
    assert lead.sla_due_at == start + timedelta(hours=8)

    time_machine.move_to(start + timedelta(hours=7, minutes=59), tick=False)
    assert lapse_overdue_offers()["lapsed"] == 0

    time_machine.move_to(start + timedelta(hours=8, minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        result = lapse_overdue_offers()
    assert result["lapsed"] == 1
    lead.refresh_from_db()
    assert (lead.status, lead.dealer) == ("assigned", quick)
    assert LeadExclusion.objects.filter(lead=lead, dealer=slow, reason="lapsed").exists()
    assert lead.events.filter(to_status="new").first().reason.startswith("Not accepted in time")
    assert any("desk@quick.example.com" in m.to for m in mail.outbox)
    assert lapse_overdue_offers()["lapsed"] == 0  # running again does nothing


def test_the_beat_schedule_sweeps_every_minute():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["leads-lapse-overdue-offers"]
    assert (entry["task"], entry["schedule"]) == ("leads.tasks.lapse_overdue_offers", 60.0)
