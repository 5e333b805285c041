"""Settlement: a ledger of what HQ owes each dealer and why, statements, and dealer targets."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.money import CurrencyField, MoneyField
from core.workflow import StatusEvent, Workflow
from dealers.choices import DealerRole, Tier
from dealers.reach import dealer_rows
from settlements.choices import LineKind, ProgramKind, StatementStatus

PERIOD = {"max_length": 7, "help_text": _("YYYY-MM")}


class HQOnlyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if user.is_authenticated and user.is_hq else self.none()


class CommissionRule(TimeStampedModel):
    """Percent of a delivered retail order's net value (before tax) the dealer earns. Empty tier or
    product line means "all"; the most specific rule in force on the delivery date applies."""

    tier = models.CharField(max_length=10, choices=Tier.choices, blank=True)
    product_line = models.ForeignKey("vehicles.ProductLine", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    percent = models.DecimalField(max_digits=5, decimal_places=2,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text=_("Empty: open-ended."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = HQOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "tier", "product_line"]
        constraints = [models.CheckConstraint(
            condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            name="commission_rule_dates_in_order",
        )]

    def __str__(self):
        return f"{self.tier or 'all tiers'} / {self.product_line or 'all lines'}: {self.percent} %"


class IncentiveProgram(TimeStampedModel):
    """A bonus HQ offers for a while: per unit above a volume target, or for answering leads in time."""

    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=ProgramKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    tiers = models.JSONField(default=list, blank=True, help_text=_("Tiers taking part; empty for all."))
    target_units = models.PositiveIntegerField(default=0, help_text=_("volume_bonus: units per month to exceed."))
    bonus_per_unit = MoneyField(default=0, help_text=_("volume_bonus: paid per unit above the target."))
    sla_share = models.DecimalField(max_digits=4, decimal_places=3, default=0,
                                    validators=[MinValueValidator(0), MaxValueValidator(1)],
                                    help_text=_("sla_bonus: share of leads accepted in time to reach, e.g. 0.900."))
    bonus_amount = MoneyField(default=0, help_text=_("sla_bonus: paid when the share is reached."))
    currency = CurrencyField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = HQOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")),
                                              name="incentive_dates_in_order")]

    def __str__(self):
        return self.name


class StatementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ: every statement. A dealer's principal: their own dealer's (and sub-dealers'). Others: none."""
        return dealer_rows(self, user, {DealerRole.PRINCIPAL})


class Statement(TimeStampedModel):
    """What HQ owes a dealer for a month. Approved statements are never edited: later corrections
    are new lines on a later statement."""

    WORKFLOW = Workflow({
        StatementStatus.DRAFT: {StatementStatus.APPROVED},
        StatementStatus.APPROVED: {StatementStatus.PAID},
    })

    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="statements")
    period = models.CharField(**PERIOD)
    currency = CurrencyField()
    status = models.CharField(max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT)
    total = MoneyField(default=0)
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "dealer"]
        constraints = [models.UniqueConstraint(fields=["dealer", "period", "currency"], name="one_statement_per_month")]

    def __str__(self):
        return f"{self.dealer.code} {self.period}"

    def record_event(self, *, by, from_status, to_status, reason=""):
        return self.events.create(actor=by, from_status=from_status, to_status=to_status, reason=reason)


class StatementEvent(StatusEvent):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="events")


class SettlementLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(statement__in=Statement.objects.visible_to(user))


class SettlementLine(models.Model):
    """One amount owed (or taken back) and the object it came from. `source_key` names the source
    ("orders.order:123"); a source contributes at most once per kind, so re-running a period, or
    two runs at once, can never pay twice."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="lines")
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(**PERIOD)
    kind = models.CharField(max_length=12, choices=LineKind.choices)
    amount = MoneyField()
    currency = CurrencyField()
    source_key = models.CharField(max_length=80)
    source_id = models.BigIntegerField(null=True, blank=True, help_text=_("The order or claim id, for joins."))
    description = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = SettlementLineQuerySet.as_manager()

    class Meta:
        ordering = ["statement", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "source_key"], name="one_line_per_source_and_kind")]
        indexes = [models.Index(fields=["dealer", "period"], name="settlement_line_dealer_period"),
                   models.Index(fields=["kind", "source_id"], name="settlement_line_source")]

    def __str__(self):
        return f"{self.kind} {self.amount} ({self.source_key})"


class DealerTarget(TimeStampedModel):
    """What HQ expects of a dealer in a month; performance is compared with it."""

    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(**PERIOD)
    units = models.PositiveIntegerField(default=0)
    revenue = MoneyField(default=0)
    conversion_rate = models.DecimalField(max_digits=4, decimal_places=3, default=0)

    objects = HQOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "dealer"]
        constraints = [models.UniqueConstraint(fields=["dealer", "period"], name="one_target_per_month")]

    def __str__(self):
        return f"{self.dealer_id} {self.period}"


class TierThreshold(models.Model):
    """The monthly level a tier is expected to hold; the scorecard recommends a tier change when a
    dealer stays above the next tier's threshold, or below its own, three months running."""

    tier = models.CharField(max_length=10, choices=Tier.choices, unique=True)
    min_units = models.PositiveIntegerField()
    min_conversion_rate = models.DecimalField(max_digits=4, decimal_places=3)

    class Meta:
        ordering = ["min_units"]

    def __str__(self):
        return f"{self.tier}: {self.min_units} units, {self.min_conversion_rate} conversion"
