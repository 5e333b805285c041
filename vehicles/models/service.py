"""The service bay: contracts, requests from customers, repair orders and warranty claims."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.money import CurrencyField, MoneyField
from core.workflow import StatusEvent, Workflow
from dealers.choices import SERVICE_ROLES
from dealers.reach import dealer_rows
from vehicles.choices import (
    ClaimStatus,
    ContractKind,
    Coverage,
    CoveredBy,
    LineKind,
    RepairStatus,
    ServiceRequestStatus,
)


def record_in_both_timelines(obj, kind: str, *, by, from_status, to_status, reason=""):
    """A repair order's or claim's step goes in its own timeline and in its unit's history."""
    obj.events.create(actor=by, from_status=from_status, to_status=to_status, reason=reason)
    return obj.unit.events.create(actor=by, kind=kind, from_status=from_status, to_status=to_status,
                                  summary=f"{obj.reference}: {to_status}" + (f" — {reason}" if reason else ""),
                                  ref_type=obj._meta.label_lower, ref_id=obj.pk)


class ThroughUnitQuerySet(models.QuerySet):
    """Rows that belong to a unit (contracts): visible wherever the unit is."""

    def visible_to(self, user):
        from vehicles.models.units import Unit

        return self.filter(unit__in=Unit.objects.visible_to(user))


class ServiceContract(TimeStampedModel):
    """A paid promise beyond the warranty: which costs it covers, from when to when."""

    unit = models.ForeignKey("vehicles.Unit", on_delete=models.PROTECT, related_name="contracts")
    dealer = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="service_contracts", help_text=_("The dealer that sold the contract."))
    kind = models.CharField(max_length=20, choices=ContractKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    covers = models.CharField(max_length=10, choices=Coverage.choices, default=Coverage.BOTH)
    response_hours = models.PositiveSmallIntegerField(default=48)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ThroughUnitQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "starts_on"]
        constraints = [models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")),
                                              name="contract_dates_in_order")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on} to {self.ends_on}"

    def covers_kind(self, line_kind: str) -> bool:
        return self.covers == Coverage.BOTH or (self.covers == Coverage.LABOUR) == (line_kind == LineKind.LABOUR)


class ServiceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ: all. A dealer's service staff: requests addressed to their dealers. A customer: theirs."""
        return dealer_rows(self, user, SERVICE_ROLES, customer_field="customer")


class ServiceRequest(TimeStampedModel):
    WORKFLOW = Workflow({
        ServiceRequestStatus.NEW: {ServiceRequestStatus.SCHEDULED, ServiceRequestStatus.DONE,
                                   ServiceRequestStatus.CANCELLED},
        ServiceRequestStatus.SCHEDULED: {ServiceRequestStatus.DONE, ServiceRequestStatus.CANCELLED},
    })

    unit = models.ForeignKey("vehicles.Unit", on_delete=models.PROTECT, related_name="service_requests")
    customer = models.ForeignKey("dealers.Customer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="service_requests")
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="service_requests")
    description = models.TextField()
    preferred_date = models.DateField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ServiceRequestStatus.choices, default=ServiceRequestStatus.NEW)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.unit}: {self.description[:40]}"

    def record_event(self, *, by, from_status, to_status, reason=""):
        return self.unit.events.create(actor=by, kind="service_request", from_status=from_status, to_status=to_status,
                                       summary=reason or f"Service request {from_status} → {to_status}",
                                       ref_type="vehicles.servicerequest", ref_id=self.pk)


class DealerServiceQuerySet(models.QuerySet):
    """Repair orders and claims: HQ reads all; a dealer's service staff their dealers'."""

    def visible_to(self, user):
        return dealer_rows(self, user, SERVICE_ROLES)


class RepairOrder(TimeStampedModel):
    WORKFLOW = Workflow({
        RepairStatus.OPEN: {RepairStatus.IN_PROGRESS},
        RepairStatus.IN_PROGRESS: {RepairStatus.COMPLETED},
        RepairStatus.COMPLETED: {RepairStatus.CLOSED},
    })

    unit = models.ForeignKey("vehicles.Unit", on_delete=models.PROTECT, related_name="repair_orders")
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="repair_orders")
    service_request = models.ForeignKey(ServiceRequest, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="repair_orders")
    complaint = models.TextField()
    failure_date = models.DateField()
    odometer_or_hours = models.DecimalField(max_digits=12, decimal_places=1, validators=[MinValueValidator(0)])
    status = models.CharField(max_length=12, choices=RepairStatus.choices, default=RepairStatus.OPEN, db_index=True)
    currency = CurrencyField()
    total = MoneyField(default=0)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = DealerServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("repair order")
        indexes = [models.Index(fields=["dealer", "created_at", "id"], name="repair_dealer_created")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"RO-{self.pk:06d}"

    def record_event(self, *, by, from_status, to_status, reason=""):
        return record_in_both_timelines(self, "repair_order", by=by, from_status=from_status, to_status=to_status,
                                        reason=reason)


class RepairOrderEvent(StatusEvent):
    repair_order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="events")


class RepairLine(models.Model):
    repair_order = models.ForeignKey(RepairOrder, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=LineKind.choices)
    description = models.CharField(max_length=300)
    part_number = models.CharField(max_length=50, blank=True)
    quantity = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    unit_price = MoneyField(validators=[MinValueValidator(0)])
    amount = MoneyField()
    covered_by = models.CharField(max_length=10, choices=CoveredBy.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.description


class WarrantyClaim(TimeStampedModel):
    WORKFLOW = Workflow({
        ClaimStatus.DRAFT: {ClaimStatus.SUBMITTED},
        ClaimStatus.SUBMITTED: {ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED, ClaimStatus.REJECTED},
        ClaimStatus.APPROVED: {ClaimStatus.SETTLED},
        ClaimStatus.PARTIALLY_APPROVED: {ClaimStatus.SETTLED},
    })

    repair_order = models.OneToOneField(RepairOrder, on_delete=models.PROTECT, related_name="claim")
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="warranty_claims")
    unit = models.ForeignKey("vehicles.Unit", on_delete=models.PROTECT, related_name="warranty_claims")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, db_index=True)
    currency = CurrencyField()
    amount_claimed = MoneyField()
    amount_approved = MoneyField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = DealerServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("warranty claim")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True) | Q(amount_approved__lte=models.F("amount_claimed")),
                name="claim_approved_not_above_claimed",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"WC-{self.pk:06d}"

    def record_event(self, *, by, from_status, to_status, reason=""):
        return record_in_both_timelines(self, "claim", by=by, from_status=from_status, to_status=to_status,
                                        reason=reason)


class WarrantyClaimEvent(StatusEvent):
    claim = models.ForeignKey(WarrantyClaim, on_delete=models.CASCADE, related_name="events")
