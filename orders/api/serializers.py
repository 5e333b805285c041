from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import VisiblePrimaryKeyRelatedField
from dealers.models import Customer, Dealer
from leads.models import Lead
from orders.models import Order, OrderLine, OrderMilestone, Quote, QuoteLine, QuoteVersion
from vehicles.models import ProductModel, Unit

Money = lambda **kw: serializers.DecimalField(max_digits=14, decimal_places=2, **kw)  # noqa: E731


# --- quotes ---------------------------------------------------------------------------------------

class QuoteLineInputSerializer(serializers.Serializer):
    model = VisiblePrimaryKeyRelatedField(queryset=ProductModel.objects.all())
    options = serializers.ListField(child=serializers.SlugField(), required=False, default=list,
                                    help_text=_("Option codes."))
    quantity = serializers.IntegerField(min_value=1, max_value=999)
    unit_price = Money(min_value=0, required=False, allow_null=True,
                       help_text=_("Defaults to the model's list price."))


class QuoteLineSerializer(serializers.ModelSerializer):
    model_code = serializers.CharField(source="model.code", read_only=True)
    model_name = serializers.CharField(source="model.name", read_only=True)
    options = serializers.SerializerMethodField()
    unit_price = Money()
    options_price = Money()
    gross = Money()
    discount = Money()
    tax = Money()
    total = Money()

    class Meta:
        model = QuoteLine
        fields = ["id", "model", "model_code", "model_name", "options", "quantity", "unit_price", "options_price",
                  "gross", "discount", "tax", "total"]

    def get_options(self, line) -> list[str]:
        return [o["code"] for o in line.options]


class QuoteSerializer(serializers.ModelSerializer):
    """A quote as read; write with QuoteWriteSerializer (lines in, prices computed)."""

    reference = serializers.CharField(read_only=True)
    lines = QuoteLineSerializer(many=True, read_only=True)
    subtotal = Money(read_only=True)
    discount_total = Money(read_only=True)
    tax_total = Money(read_only=True)
    total = Money(read_only=True)
    order = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Quote
        fields = ["id", "reference", "dealer", "customer", "lead", "lines", "discount_percent", "currency", "tax_rate",
                  "subtotal", "discount_total", "tax_total", "total", "valid_until", "note", "status", "version",
                  "sent_at", "order", "created_at", "updated_at"]
        read_only_fields = fields


class QuoteWriteSerializer(serializers.Serializer):
    dealer = VisiblePrimaryKeyRelatedField(queryset=Dealer.objects.all(), required=False,
                                           help_text=_("Defaults to your own dealer."))
    customer = VisiblePrimaryKeyRelatedField(queryset=Customer.objects.all())
    lead = VisiblePrimaryKeyRelatedField(queryset=Lead.objects.all(), required=False, allow_null=True)
    lines = QuoteLineInputSerializer(many=True)
    discount_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                                required=False)
    valid_until = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class QuoteVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuoteVersion
        fields = ["version", "snapshot", "created_at", "created_by"]


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class OrderReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


# --- orders ---------------------------------------------------------------------------------------

class OrderLineSerializer(serializers.ModelSerializer):
    model_code = serializers.CharField(source="model.code", read_only=True)
    options = serializers.SerializerMethodField()
    unit_serial = serializers.CharField(source="unit.serial", read_only=True, allow_null=True)
    unit_price = Money()
    total = Money()

    class Meta:
        model = OrderLine
        fields = ["id", "model", "model_code", "options", "quantity", "unit_price", "total", "unit", "unit_serial"]

    def get_options(self, line) -> list[str]:
        return [o["code"] for o in line.options]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderMilestone
        fields = ["status", "at", "expected_on", "actor", "reason"]


class OrderSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    lines = OrderLineSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    subtotal = Money(read_only=True)
    discount_total = Money(read_only=True)
    tax_total = Money(read_only=True)
    total = Money(read_only=True)
    tracking_token = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "reference", "kind", "dealer", "customer", "quote", "lead", "lines", "status", "currency",
                  "tax_rate", "subtotal", "discount_total", "tax_total", "total", "tracking_token", "milestones",
                  "cancel_reason", "delivered_at", "created_at", "updated_at"]
        read_only_fields = fields

    def get_tracking_token(self, order) -> str | None:
        """Shown to staff only: it is the customer's key to the tracking page."""
        request = self.context.get("request")
        if request is None or not (request.user.is_hq or request.user.dealer_membership):
            return None
        return order.tracking_token


class OrderWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Order._meta.get_field("kind").choices)
    dealer = VisiblePrimaryKeyRelatedField(queryset=Dealer.objects.all(), required=False)
    customer = VisiblePrimaryKeyRelatedField(queryset=Customer.objects.all(), required=False, allow_null=True)
    lead = VisiblePrimaryKeyRelatedField(queryset=Lead.objects.all(), required=False, allow_null=True)
    lines = QuoteLineInputSerializer(many=True)


class ExpectedDatesSerializer(serializers.Serializer):
    """Optional expected dates of the steps ahead, e.g. {"shipped": "2026-12-20"}."""

    expected = serializers.DictField(child=serializers.DateField(), required=False, default=dict)

    def validate_expected(self, value):
        allowed = {"in_production", "shipped", "at_dealer", "delivered"}
        unknown = set(value) - allowed
        if unknown:
            raise serializers.ValidationError(_("Unknown steps: %s.") % ", ".join(sorted(unknown)))
        return value


class AllocateSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    unit = VisiblePrimaryKeyRelatedField(queryset=Unit.objects.all())


# --- public -----------------------------------------------------------------------------------

class TrackingMilestoneSerializer(serializers.Serializer):
    status = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True)
    expected = serializers.DateField(allow_null=True)


class TrackingDealerSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()


class TrackingSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    model = serializers.CharField()
    milestones = TrackingMilestoneSerializer(many=True)
    dealer = TrackingDealerSerializer()


class PublicQuoteSerializer(serializers.Serializer):
    status = serializers.CharField()
    dealer = TrackingDealerSerializer()
    sent = serializers.JSONField(help_text=_("The quote as last sent: lines, totals, validity."))
