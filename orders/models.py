"""Quotes and orders: what a dealer offers a customer, and what HQ builds and ships."""

import secrets
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.money import CurrencyField, MoneyField
from core.workflow import StatusEvent, Workflow
from dealers.choices import SALES_ROLES, Tier
from dealers.reach import dealer_rows
from orders.choices import OrderKind, OrderStatus, QuoteStatus

# --- configuration HQ keeps --------------------------------------------------------------------


class TaxRateQuerySet(models.QuerySet):
    def rate_for(self, country: str, on: date):
        """The rate in force in `country` on `on`, or None when HQ has configured none."""
        row = self.filter(country=country.upper(), valid_from__lte=on).order_by("-valid_from").first()
        return row.rate if row else None


class TaxRate(TimeStampedModel):
    """Sales tax (VAT) by country, from a date: quotes and orders capture the rate when priced."""

    country = models.CharField(max_length=2)
    rate = models.DecimalField(max_digits=5, decimal_places=4, validators=[MinValueValidator(0), MaxValueValidator(1)],
                               help_text=_("A fraction: 0.1300 is 13 %."))
    valid_from = models.DateField()

    objects = TaxRateQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["country", "valid_from"], name="tax_rate_unique_start")]

    def __str__(self):
        return f"{self.country} {self.rate:%} from {self.valid_from}"


class DiscountLimit(models.Model):
    """The discount a dealer of a tier may grant on its own; above it a quote waits for HQ."""

    tier = models.CharField(max_length=10, choices=Tier.choices, unique=True)
    max_percent = models.DecimalField(max_digits=5, decimal_places=2,
                                      validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        ordering = ["tier"]

    def __str__(self):
        return f"{self.get_tier_display()}: {self.max_percent} %"


# --- visibility ---------------------------------------------------------------------------------


class DealerDocumentQuerySet(models.QuerySet):
    """Quotes and orders are sales documents: HQ sees all, a dealer's sales staff their dealer's
    (and its sub-dealers'), a customer with an account their own."""

    def visible_to(self, user):
        return dealer_rows(self, user, SALES_ROLES, customer_field="customer")


# --- quotes -------------------------------------------------------------------------------------


class Quote(TimeStampedModel):
    WORKFLOW = Workflow({
        QuoteStatus.DRAFT: {QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED},
        QuoteStatus.PENDING_APPROVAL: {QuoteStatus.APPROVED, QuoteStatus.DRAFT},
        QuoteStatus.APPROVED: {QuoteStatus.SENT, QuoteStatus.DRAFT},
        QuoteStatus.SENT: {QuoteStatus.ACCEPTED, QuoteStatus.DECLINED, QuoteStatus.EXPIRED, QuoteStatus.DRAFT},
    })

    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="quotes")
    customer = models.ForeignKey("dealers.Customer", on_delete=models.PROTECT, related_name="quotes")
    lead = models.ForeignKey("leads.Lead", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    status = models.CharField(max_length=20, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    currency = CurrencyField()
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0,
                                           validators=[MinValueValidator(0), MaxValueValidator(100)])
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    subtotal = MoneyField(default=0)
    discount_total = MoneyField(default=0)
    tax_total = MoneyField(default=0)
    total = MoneyField(default=0)
    valid_until = models.DateField()
    note = models.TextField(blank=True)
    accept_token = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = DealerDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dealer", "created_at", "id"], name="quote_dealer_created")]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.accept_token:
            self.accept_token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"Q-{self.pk:06d}" + (f"/{self.version}" if self.version > 1 else "")

    def record_event(self, *, by, from_status, to_status, reason=""):
        return self.events.create(actor=by, from_status=from_status, to_status=to_status, reason=reason)


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    model = models.ForeignKey("vehicles.ProductModel", on_delete=models.PROTECT, related_name="+")
    options = models.JSONField(default=list, blank=True, help_text=_("Chosen options as priced: code, name, price."))
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    unit_price = MoneyField()
    options_price = MoneyField(default=0)
    gross = MoneyField()
    discount = MoneyField()
    tax = MoneyField()
    total = MoneyField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} x {self.model}"


class QuoteVersion(models.Model):
    """A version of a quote as it was sent, kept readable after the quote was changed again."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["quote", "version"]
        constraints = [models.UniqueConstraint(fields=["quote", "version"], name="quote_version_unique")]

    def __str__(self):
        return f"{self.quote} v{self.version}"


class QuoteEvent(StatusEvent):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="events")


# --- orders -------------------------------------------------------------------------------------

ORDER_PATH = [OrderStatus.SUBMITTED, OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.SHIPPED,
              OrderStatus.AT_DEALER, OrderStatus.DELIVERED]
_BEFORE_DELIVERY = [OrderStatus.DRAFT, *ORDER_PATH[:-1]]


class Order(TimeStampedModel):
    WORKFLOW = Workflow({
        OrderStatus.DRAFT: {OrderStatus.SUBMITTED, OrderStatus.CANCELLED},
        OrderStatus.SUBMITTED: {OrderStatus.CONFIRMED, OrderStatus.CANCELLED},
        OrderStatus.CONFIRMED: {OrderStatus.IN_PRODUCTION, OrderStatus.CANCELLED},
        OrderStatus.IN_PRODUCTION: {OrderStatus.SHIPPED, OrderStatus.CANCELLED},
        OrderStatus.SHIPPED: {OrderStatus.AT_DEALER, OrderStatus.CANCELLED},
        OrderStatus.AT_DEALER: {OrderStatus.DELIVERED, OrderStatus.CANCELLED},
        OrderStatus.DELIVERED: {OrderStatus.RETURNED},
    })

    kind = models.CharField(max_length=10, choices=OrderKind.choices, default=OrderKind.RETAIL)
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="orders")
    customer = models.ForeignKey("dealers.Customer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="orders")
    quote = models.OneToOneField(Quote, null=True, blank=True, on_delete=models.PROTECT, related_name="order")
    lead = models.ForeignKey("leads.Lead", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders")
    status = models.CharField(max_length=20, choices=OrderStatus.choices, default=OrderStatus.DRAFT, db_index=True)
    currency = CurrencyField()
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    subtotal = MoneyField(default=0)
    discount_total = MoneyField(default=0)
    tax_total = MoneyField(default=0)
    total = MoneyField(default=0)
    tracking_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    cancel_reason = models.TextField(blank=True, help_text=_("Why it was cancelled, or returned after delivery."))
    delivered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = DealerDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dealer", "created_at", "id"], name="order_dealer_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OrderKind.STOCK, customer__isnull=True)
                | Q(kind=OrderKind.RETAIL, customer__isnull=False),
                name="order_retail_has_customer",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.kind == OrderKind.RETAIL and not self.tracking_token:
            self.tracking_token = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"O-{self.pk:06d}"

    @property
    def is_live(self) -> bool:
        return self.status not in (OrderStatus.CANCELLED, OrderStatus.RETURNED)

    def record_event(self, *, by, from_status, to_status, reason=""):
        """A step of the order is its milestone: fill in the planned row, or add one (cancel)."""
        from django.utils import timezone

        updated = self.milestones.filter(status=to_status, at__isnull=True).update(
            at=timezone.now(), actor=by, from_status=from_status, reason=reason
        )
        if not updated:
            self.milestones.create(status=to_status, at=timezone.now(), actor=by, from_status=from_status,
                                   to_status=to_status, reason=reason)


class OrderLine(models.Model):
    """One unit to build and hand over: a quote line for three vans becomes three order lines."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    model = models.ForeignKey("vehicles.ProductModel", on_delete=models.PROTECT, related_name="+")
    options = models.JSONField(default=list, blank=True)
    quantity = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(1)])
    unit_price = MoneyField()
    options_price = MoneyField(default=0)
    gross = MoneyField()
    discount = MoneyField()
    tax = MoneyField()
    total = MoneyField()
    # The unit allocated to this line. `is_live` is false once the order is cancelled, which frees
    # the unit: the constraint below lets a unit sit on at most one live line.
    unit = models.ForeignKey("vehicles.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="order_lines")
    is_live = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(is_live=True, unit__isnull=False),
                                    name="unit_on_one_live_order_line"),
        ]

    def __str__(self):
        return f"{self.model} ({self.unit or 'no unit yet'})"


class OrderMilestone(StatusEvent):
    """A step of the order's journey: planned with an expected date, then reached (`at`, actor)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="milestones")
    status = models.CharField(max_length=20, choices=OrderStatus.choices)
    expected_on = models.DateField(null=True, blank=True)
    at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["order", "status"], name="one_milestone_per_step")]
