from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import VisiblePrimaryKeyRelatedField
from dealers.models import Customer, Dealer, User
from leads.choices import ContactChannel, LeadSource, LeadStatus
from leads.models import Lead, LeadEvent, RoutingDecision, RoutingPolicy
from vehicles.models import ProductModel


class LeadSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    model_name = serializers.CharField(source="model.name", read_only=True)
    dealer_code = serializers.CharField(source="dealer.code", read_only=True, allow_null=True)

    class Meta:
        model = Lead
        fields = ["id", "reference", "customer", "customer_name", "model", "model_name", "source", "status",
                  "dealer", "dealer_code", "assigned_to", "sla_due_at", "postal_code", "country", "latitude",
                  "longitude", "message", "lost_reason", "unroutable", "assigned_at", "accepted_at",
                  "first_contact_at", "closed_at", "created_at", "updated_at"]
        read_only_fields = fields


class LeadCreateSerializer(serializers.Serializer):
    customer = VisiblePrimaryKeyRelatedField(queryset=Customer.objects.all())
    model = VisiblePrimaryKeyRelatedField(queryset=ProductModel.objects.all())
    source = serializers.ChoiceField(choices=LeadSource.choices, default=LeadSource.API)
    postal_code = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=2, required=False, default="CN")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False,
                                        allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180,
                                         required=False, allow_null=True, default=None)
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class EnquirySerializer(serializers.Serializer):
    """The public enquiry form (API.md: POST /api/v1/public/enquiries/)."""

    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    postal_code = serializers.CharField(max_length=12)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False,
                                        allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180,
                                         required=False, allow_null=True, default=None)
    country = serializers.CharField(max_length=2, default="CN")
    model = serializers.SlugRelatedField(slug_field="code", queryset=ProductModel.objects.filter(active=True),
                                         help_text=_("The model's code, e.g. l300-van."))
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                    help_text=_("Makes the enquiry a business (B2B) one."))
    consent = serializers.BooleanField()

    def validate_consent(self, value):
        if not value:
            raise serializers.ValidationError(_("We need your consent to pass your enquiry to a dealer."))
        return value


class ReferenceSerializer(serializers.Serializer):
    reference = serializers.CharField()


class DealerChoiceSerializer(serializers.Serializer):
    dealer = serializers.PrimaryKeyRelatedField(queryset=Dealer.objects.all())


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class DelegateSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class LeadContactSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RouteSerializer(serializers.Serializer):
    lead_ids = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=500_000)
    status = serializers.ChoiceField(choices=[(LeadStatus.NEW, LeadStatus.NEW.label)], required=False,
                                     help_text=_("Route every lead in this status (only `new`)."))

    def validate(self, attrs):
        if not attrs.get("lead_ids") and not attrs.get("status"):
            raise serializers.ValidationError(_("Give lead_ids or status."))
        return attrs


class RouteResultSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    unroutable = serializers.IntegerField()
    skipped = serializers.IntegerField()
    by_dealer = serializers.DictField(child=serializers.IntegerField())


class LeadEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    dealer_code = serializers.CharField(source="dealer.code", read_only=True, allow_null=True)

    class Meta:
        model = LeadEvent
        fields = ["at", "kind", "from_status", "to_status", "reason", "channel", "actor", "dealer", "dealer_code"]


class RoutingDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoutingDecision
        fields = ["at", "policy", "winner", "manual", "candidates", "note"]


class RoutingPolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = RoutingPolicy
        fields = ["id", "name", "active", "weight_distance", "weight_tier", "weight_load", "weight_conversion",
                  "weight_speed", "max_distance_km", "sla_hours_platinum", "sla_hours_gold", "sla_hours_silver",
                  "sla_hours_bronze", "created_at", "updated_at"]
        validators = []  # activating one policy deactivates the others (the service does it)
        extra_kwargs = {"active": {"validators": []}}


class SimulateSerializer(serializers.Serializer):
    policy = RoutingPolicySerializer(help_text=_("The policy to try; `name` may be anything."))
    lead_ids = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=50_000)
    created_after = serializers.DateTimeField(required=False)
    created_before = serializers.DateTimeField(required=False)
    status = serializers.ChoiceField(choices=LeadStatus.choices, required=False)

    def validate(self, attrs):
        if not attrs.get("lead_ids") and not any(attrs.get(k) for k in ("created_after", "created_before", "status")):
            raise serializers.ValidationError(_("Give lead_ids or a filter (created_after, created_before, status)."))
        return attrs


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    merged = serializers.IntegerField()
    job = serializers.IntegerField(allow_null=True, help_text=_("The routing job for the new leads, if any."))
