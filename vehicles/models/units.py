"""Units: one physical vehicle or machine (or component, or a customer's third-party asset) with its
own serial, state, holder, owner, warranty window and history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core.models import TimeStampedModel
from core.workflow import Workflow
from vehicles.choices import UnitEventKind, UnitKind, UnitStatus


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ: all. Dealer staff: units their dealers hold or sold, plus those shared with their
        service group (a customer brought it to their bay). A customer: the units they own.

        The dealer part is two indexed columns; the few shared units are merged by id, so the list
        never goes through guardian's OR over permission tables (DESIGN.md section 3)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_hq:
            return self
        dealer_ids = user.dealer_ids
        if dealer_ids:
            # The few shared units are read first, as ids: an OR with a subquery over the permission
            # table would keep PostgreSQL from using the dealer indexes (90 ms against 3 ms at 500,000
            # units, measured on the units branch).
            shared = list(UnitGroupObjectPermission.objects.filter(
                group__user=user, permission__codename="view_unit"
            ).values_list("content_object_id", flat=True))
            condition = Q(dealer_id__in=dealer_ids) | Q(selling_dealer_id__in=dealer_ids)
            return self.filter(condition | Q(pk__in=shared) if shared else condition)
        return self.filter(owner__account=user)

    def in_warranty_on(self, day):
        return self.filter(warranty_start__lte=day, warranty_end__gte=day)


class Unit(TimeStampedModel):
    WORKFLOW = Workflow({
        UnitStatus.PLANNED: {UnitStatus.BUILT, UnitStatus.SCRAPPED},
        UnitStatus.BUILT: {UnitStatus.IN_TRANSIT, UnitStatus.DEALER_STOCK, UnitStatus.SCRAPPED},
        UnitStatus.IN_TRANSIT: {UnitStatus.DEALER_STOCK},
        UnitStatus.DEALER_STOCK: {UnitStatus.SOLD, UnitStatus.IN_TRANSIT, UnitStatus.SCRAPPED},
        UnitStatus.SOLD: {UnitStatus.SCRAPPED},
    })

    serial = models.CharField(_("serial or VIN"), max_length=40, unique=True)
    kind = models.CharField(max_length=12, choices=UnitKind.choices, default=UnitKind.VEHICLE)
    model = models.ForeignKey("vehicles.ProductModel", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="units")
    make = models.CharField(max_length=100, blank=True, help_text=_("For third-party assets: who made it."))
    description = models.CharField(max_length=200, blank=True,
                                   help_text=_("What it is when there is no catalogue model (engine, gearbox...)."))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="components")
    status = models.CharField(max_length=16, choices=UnitStatus.choices, default=UnitStatus.PLANNED)
    dealer = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="units", help_text=_("Who holds it; empty while at the factory."))
    selling_dealer = models.ForeignKey("dealers.Dealer", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="sold_units")
    owner = models.ForeignKey("dealers.Customer", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="units")
    built_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    warranty_start = models.DateField(null=True, blank=True)
    warranty_end = models.DateField(null=True, blank=True)
    last_reading = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True,
                                       help_text=_("Highest odometer (km) or hour-meter reading seen."))

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["serial"]
        indexes = [
            models.Index(fields=["dealer", "status"], name="unit_dealer_status"),
            models.Index(fields=["selling_dealer"], name="unit_selling_dealer"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
            models.CheckConstraint(
                condition=Q(warranty_end__isnull=True) | Q(warranty_start__lte=models.F("warranty_end")),
                name="unit_warranty_window_in_order",
            ),
        ]

    def __str__(self):
        return self.serial

    def in_warranty_on(self, day) -> bool:
        return bool(self.warranty_start and self.warranty_end and self.warranty_start <= day <= self.warranty_end)

    @property
    def in_warranty_today(self) -> bool:
        return self.in_warranty_on(timezone.localdate())

    def record_event(self, *, by, from_status, to_status, reason=""):
        return self.events.create(actor=by, kind=UnitEventKind.STATUS, from_status=from_status, to_status=to_status,
                                  summary=reason or f"{from_status} → {to_status}")


class UnitEvent(models.Model):
    """The unit's history: every service that touches a unit writes one row here, with its actor."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField(max_length=20, choices=UnitEventKind.choices)
    summary = models.CharField(max_length=300)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    ref_type = models.CharField(max_length=40, blank=True, help_text=_("app_label.model of the source object"))
    ref_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["unit", "at"], name="unit_event_timeline")]

    def __str__(self):
        return f"{self.unit} {self.at:%Y-%m-%d} {self.summary}"


class UnitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)


class UnitGroupObjectPermission(GroupObjectPermissionBase):
    """A unit shared with another dealer's service group (guardian's direct foreign-key model)."""

    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)
