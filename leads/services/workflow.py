"""What a dealer does with a lead it was offered, and how quotes and orders close it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition, NotPermitted
from dealers.choices import MANAGER_ROLES, SALES_ROLES
from dealers.models import Membership
from dealers.roles import require_hq
from leads import grants
from leads.choices import ExclusionReason, LeadEventKind, LeadStatus
from leads.models import Lead, LeadExclusion


def _lock(lead: Lead) -> Lead:
    return Lead.objects.select_for_update().get(pk=lead.pk)


def _require_on_lead(user, lead: Lead, roles=SALES_ROLES) -> None:
    """The user works sales at the lead's dealer (a salesperson only on leads given to them)."""
    membership = user.dealer_membership
    if membership is None or membership.role not in roles or lead.dealer_id not in user.dealer_ids:
        raise NotPermitted(_("Only the dealer's sales staff may do this."))
    if membership.role not in MANAGER_ROLES and lead.assigned_to_id != user.pk:
        raise NotPermitted(_("This lead was given to another salesperson."))


@transaction.atomic
def lead_accept(*, by, lead: Lead) -> Lead:
    """The dealer takes the offer. Two people accepting at once: the row lock lets one through and
    the other is told the lead is already accepted."""
    lead = _lock(lead)
    _require_on_lead(by, lead)
    lead.accepted_at = timezone.now()
    Lead.WORKFLOW.advance(lead, LeadStatus.ACCEPTED, by=by, action=_("be accepted"), extra_fields=["accepted_at"])
    return lead


@transaction.atomic
def lead_reject(*, by, lead: Lead, reason: str) -> Lead:
    """The dealer turns the offer down: the lead goes back to new, never to this dealer again, and
    is routed to the next best dealer."""
    from leads.services.routing import active_policy, route_leads

    lead = _lock(lead)
    _require_on_lead(by, lead)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why you reject the lead.")]})
    _return_to_new(lead, by=by, why=ExclusionReason.REJECTED, reason=reason)
    if active_policy():
        route_leads(by=by, lead_ids=[lead.pk])
    lead.refresh_from_db()
    return lead


def _return_to_new(lead: Lead, *, by, why: str, reason: str) -> None:
    if lead.status != LeadStatus.ASSIGNED:
        raise InvalidTransition(_("This lead is %(status)s; only an offer can be rejected.") % {"status": lead.status})
    LeadExclusion.objects.get_or_create(lead=lead, dealer_id=lead.dealer_id, defaults={"reason": why})
    lead.dealer, lead.assigned_to, lead.sla_due_at = None, None, None
    Lead.WORKFLOW.advance(lead, LeadStatus.NEW, by=by, reason=reason,
                          extra_fields=["dealer", "assigned_to", "sla_due_at"])
    grants.revoke([lead.pk])


@transaction.atomic
def lead_delegate(*, by, lead: Lead, user) -> Lead:
    """A principal or sales manager gives the lead to one of the dealer's salespeople."""
    lead = _lock(lead)
    _require_on_lead(by, lead, MANAGER_ROLES)
    if lead.status not in (LeadStatus.ASSIGNED, LeadStatus.ACCEPTED, LeadStatus.CONTACTED, LeadStatus.QUOTED):
        raise InvalidTransition(_("This lead is %(status)s; it cannot be given to a salesperson.")
                                % {"status": lead.status})
    if not Membership.objects.filter(user=user, dealer_id=lead.dealer_id, role__in=SALES_ROLES,
                                     user__is_active=True).exists():
        raise ValidationError({"user": [_("Choose a salesperson of %(dealer)s.") % {"dealer": lead.dealer.code}]})
    lead.assigned_to = user
    lead.save(update_fields=["assigned_to", "updated_at"])
    grants.regrant([lead])
    lead.events.create(actor=by, kind=LeadEventKind.DELEGATED, from_status=lead.status, to_status=lead.status,
                       dealer_id=lead.dealer_id, reason=_("Given to %(user)s.") % {"user": user.get_username()})
    return lead


@transaction.atomic
def lead_contact(*, by, lead: Lead, channel: str, note: str = "") -> Lead:
    """Log a contact with the customer; the first one moves an accepted lead to contacted."""
    lead = _lock(lead)
    _require_on_lead(by, lead)
    if lead.status == LeadStatus.ACCEPTED:
        lead.first_contact_at = timezone.now()
        Lead.WORKFLOW.advance(lead, LeadStatus.CONTACTED, by=by, reason=note, extra_fields=["first_contact_at"])
    elif lead.status not in (LeadStatus.CONTACTED, LeadStatus.QUOTED):
        raise InvalidTransition(_("This lead is %(status)s; accept it before logging contacts.")
                                % {"status": lead.status})
    lead.events.create(actor=by, kind=LeadEventKind.CONTACT, channel=channel, from_status=lead.status,
                       to_status=lead.status, dealer_id=lead.dealer_id, reason=note)
    return lead


@transaction.atomic
def lead_lose(*, by, lead: Lead, reason: str) -> Lead:
    lead = _lock(lead)
    _require_on_lead(by, lead)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the lead was lost.")]})
    lead.lost_reason, lead.closed_at = reason, timezone.now()
    Lead.WORKFLOW.advance(lead, LeadStatus.LOST, by=by, reason=reason, action=_("be lost"),
                          extra_fields=["lost_reason", "closed_at"])
    return lead


@transaction.atomic
def lead_disqualify(*, by, lead: Lead, reason: str) -> Lead:
    """HQ drops a lead that is not real demand (spam, a test, a competitor)."""
    require_hq(by, "hq_admin", "hq_ops")
    lead = _lock(lead)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the lead is disqualified.")]})
    lead.dealer, lead.assigned_to, lead.sla_due_at, lead.closed_at = None, None, None, timezone.now()
    Lead.WORKFLOW.advance(lead, LeadStatus.DISQUALIFIED, by=by, reason=reason, action=_("be disqualified"),
                          extra_fields=["dealer", "assigned_to", "sla_due_at", "closed_at"])
    grants.revoke([lead.pk])
    return lead


def _walk_to_contacted(lead: Lead, by) -> None:
    if lead.status == LeadStatus.ACCEPTED:
        lead.first_contact_at = lead.first_contact_at or timezone.now()
        Lead.WORKFLOW.advance(lead, LeadStatus.CONTACTED, by=by, extra_fields=["first_contact_at"],
                              reason=_("Contacted (a quote or order was made)."))


@transaction.atomic
def lead_mark_quoted(*, by, lead: Lead, quote) -> Lead:
    """Called when a quote for the lead is sent. A lead already quoted, won or lost keeps its state
    (a second quote, an add-on for a customer who already bought)."""
    lead = _lock(lead)
    if lead.status not in (LeadStatus.ACCEPTED, LeadStatus.CONTACTED):
        return lead
    _walk_to_contacted(lead, by)
    Lead.WORKFLOW.advance(lead, LeadStatus.QUOTED, by=by, action=_("be quoted"),
                          reason=_("Quote %(ref)s sent.") % {"ref": quote.reference})
    return lead


@transaction.atomic
def lead_mark_won(*, by, lead: Lead, order) -> Lead:
    """Called when HQ confirms a retail order that came from the lead; a lead already closed keeps
    its state."""
    lead = _lock(lead)
    if lead.status not in (LeadStatus.ACCEPTED, LeadStatus.CONTACTED, LeadStatus.QUOTED):
        return lead
    _walk_to_contacted(lead, by)
    lead.closed_at = timezone.now()
    Lead.WORKFLOW.advance(lead, LeadStatus.WON, by=by, action=_("be won"), extra_fields=["closed_at"],
                          reason=_("Order %(ref)s confirmed.") % {"ref": order.reference})
    return lead
