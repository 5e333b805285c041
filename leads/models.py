"""Leads: demand captured centrally and offered to the dealer best placed to win it."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.models import TimeStampedModel
from core.workflow import StatusEvent, Workflow
from dealers.choices import MANAGER_ROLES, SALES_ROLES
from leads.choices import OPEN_STATUSES, ContactChannel, ExclusionReason, LeadEventKind, LeadSource, LeadStatus

WEIGHT = {"max_digits": 4, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(10)]}


class RoutingPolicyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Policies are HQ's business."""
        return self if user.is_authenticated and user.is_hq else self.none()


class RoutingPolicy(TimeStampedModel):
    """How HQ wants leads spread: who is eligible, how candidates are scored, how long an offer lasts."""

    name = models.CharField(max_length=100)
    active = models.BooleanField(default=False)
    weight_distance = models.DecimalField(default=Decimal("0.40"), **WEIGHT)
    weight_tier = models.DecimalField(default=Decimal("0.15"), **WEIGHT)
    weight_load = models.DecimalField(default=Decimal("0.20"), **WEIGHT)
    weight_conversion = models.DecimalField(default=Decimal("0.15"), **WEIGHT)
    weight_speed = models.DecimalField(default=Decimal("0.10"), **WEIGHT)
    max_distance_km = models.PositiveIntegerField(default=150)
    sla_hours_platinum = models.PositiveSmallIntegerField(default=4)
    sla_hours_gold = models.PositiveSmallIntegerField(default=8)
    sla_hours_silver = models.PositiveSmallIntegerField(default=12)
    sla_hours_bronze = models.PositiveSmallIntegerField(default=24)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = RoutingPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-active", "name"]
        verbose_name_plural = _("routing policies")
        constraints = [models.UniqueConstraint(fields=["active"], condition=Q(active=True),
                                               name="one_active_routing_policy")]

    def __str__(self):
        return self.name

    def sla_hours(self, tier: str) -> int:
        return getattr(self, f"sla_hours_{tier}")

    @property
    def weights(self) -> dict[str, Decimal]:
        return {f: getattr(self, f"weight_{f}") for f in ("distance", "tier", "load", "conversion", "speed")}


class LeadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ: every lead. A dealer's principal and sales managers: the leads of their dealers. A
        salesperson: the leads given to them. Others: none.

        These are indexed columns written by the same services that write the guardian grants, so a
        dealer's inbox is one index scan even with millions of leads and permission rows (DESIGN.md
        section 3); tests/leads/test_grants.py keeps the two in agreement."""
        if not user.is_authenticated:
            return self.none()
        if user.is_hq:
            return self
        membership = user.dealer_membership
        if membership is None or membership.role not in SALES_ROLES:
            return self.none()
        if membership.role in MANAGER_ROLES:
            return self.filter(dealer_id__in=user.dealer_ids)
        return self.filter(assigned_to=user, dealer_id__in=user.dealer_ids)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


def _reference() -> str:
    return "L" + secrets.token_hex(5).upper()


class Lead(TimeStampedModel):
    WORKFLOW = Workflow({
        LeadStatus.NEW: {LeadStatus.ASSIGNED, LeadStatus.DISQUALIFIED},
        LeadStatus.ASSIGNED: {LeadStatus.ACCEPTED, LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.DISQUALIFIED},
        LeadStatus.ACCEPTED: {LeadStatus.CONTACTED, LeadStatus.LOST, LeadStatus.ASSIGNED},
        LeadStatus.CONTACTED: {LeadStatus.QUOTED, LeadStatus.LOST, LeadStatus.ASSIGNED, LeadStatus.WON},
        LeadStatus.QUOTED: {LeadStatus.WON, LeadStatus.LOST},
    })

    reference = models.CharField(max_length=12, unique=True, default=_reference, editable=False)
    customer = models.ForeignKey("dealers.Customer", on_delete=models.PROTECT, related_name="leads")
    model = models.ForeignKey("vehicles.ProductModel", on_delete=models.PROTECT, related_name="leads")
    source = models.CharField(max_length=10, choices=LeadSource.choices, default=LeadSource.WEB)
    status = models.CharField(max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW)
    dealer = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="leads", help_text=_("The dealer the lead is with now."))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="leads", help_text=_("The salesperson it was given to."))
    sla_due_at = models.DateTimeField(null=True, blank=True)
    postal_code = models.CharField(max_length=12, blank=True)
    country = models.CharField(max_length=2, default="CN")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    message = models.TextField(blank=True)
    lost_reason = models.TextField(blank=True)
    unroutable = models.BooleanField(default=False, help_text=_("No eligible dealer the last time it was routed."))
    consent_at = models.DateTimeField(null=True, blank=True)
    # Timestamps the performance figures are computed from.
    assigned_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["dealer", "created_at", "id"], name="lead_dealer_created"),
            models.Index(fields=["assigned_to", "created_at", "id"], name="lead_assignee_created"),
            models.Index(fields=["status", "sla_due_at"], name="lead_status_sla"),
            models.Index(fields=["customer", "model", "created_at"], name="lead_duplicate_lookup"),
        ]

    def __str__(self):
        return self.reference

    def record_event(self, *, by, from_status, to_status, reason=""):
        return self.events.create(actor=by, kind=LeadEventKind.STATUS, from_status=from_status, to_status=to_status,
                                  reason=reason, dealer_id=self.dealer_id)


class LeadExclusion(models.Model):
    """A dealer that may not be offered this lead again: it rejected it, or let the offer lapse."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="exclusions")
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12, choices=ExclusionReason.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lead", "dealer"], name="lead_exclusion_once")]

    def __str__(self):
        return f"{self.lead} not for {self.dealer}"


class LeadEvent(StatusEvent):
    """The lead's timeline: status changes, merged enquiries, contacts, delegation."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=LeadEventKind.choices, default=LeadEventKind.STATUS)
    dealer = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, choices=ContactChannel.choices, blank=True)

    class Meta(StatusEvent.Meta):
        indexes = [models.Index(fields=["lead", "at"], name="lead_event_timeline")]

    def __str__(self):
        return f"{self.lead} {self.kind} {self.to_status}"


class RoutingDecision(models.Model):
    """Why a lead went where it went: every candidate with each factor's contribution."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="routing_decisions")
    policy = models.ForeignKey(RoutingPolicy, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    winner = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    manual = models.BooleanField(default=False, help_text=_("HQ chose the dealer by hand."))
    candidates = models.JSONField(default=list)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["lead", "-at", "-id"]

    def __str__(self):
        return f"{self.lead} → {self.winner_id}"


class DealerRoutingState(models.Model):
    """When each dealer was last offered a lead: breaks ties fairly (round-robin) across processes."""

    dealer = models.OneToOneField("dealers.Dealer", on_delete=models.CASCADE, related_name="routing_state")
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.dealer_id}: {self.last_assigned_at}"


class LeadUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Lead, on_delete=models.CASCADE)


class LeadGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Lead, on_delete=models.CASCADE)
