"""The acceptance SLA: an offer not accepted in time goes back to new and on to another dealer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leads import grants
from leads.choices import ExclusionReason, LeadEventKind, LeadStatus
from leads.models import Lead, LeadEvent, LeadExclusion
from leads.services.routing import active_policy, route_leads

CHUNK = 1000


def lapse_overdue_offers(now=None) -> dict:
    """Set-based: overdue offers are returned to new, the dealer excluded and told apart in the
    timeline, and the leads routed again. Safe to run at any time, twice, or in two processes."""
    now = now or timezone.now()
    lapsed: list[int] = []
    while True:
        with transaction.atomic():
            leads = list(Lead.objects.select_for_update(skip_locked=True)
                         .filter(status=LeadStatus.ASSIGNED, sla_due_at__lt=now).order_by("pk")[:CHUNK])
            if not leads:
                break
            ids = [lead.pk for lead in leads]
            LeadExclusion.objects.bulk_create(
                [LeadExclusion(lead_id=lead.pk, dealer_id=lead.dealer_id, reason=ExclusionReason.LAPSED)
                 for lead in leads], ignore_conflicts=True)
            LeadEvent.objects.bulk_create(
                [LeadEvent(lead_id=lead.pk, kind=LeadEventKind.STATUS, from_status=LeadStatus.ASSIGNED,
                           to_status=LeadStatus.NEW, dealer_id=lead.dealer_id, at=now,
                           reason=_("Not accepted in time (due %(due)s).") % {"due": lead.sla_due_at.isoformat()})
                 for lead in leads])
            Lead.objects.filter(pk__in=ids).update(status=LeadStatus.NEW, dealer=None, assigned_to=None,
                                                   sla_due_at=None, updated_at=now)
            grants.revoke(ids)
        lapsed += ids
    routed = route_leads(by=None, lead_ids=lapsed).as_dict() if lapsed and active_policy() else {}
    return {"lapsed": len(lapsed), "routed": routed}
