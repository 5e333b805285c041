from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dealers.choices import DealerRole, HQRole
from dealers.models import Dealer, Membership, Region, RegionArea, User


class RegionAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionArea
        fields = ["country", "postal_prefix"]
        validators = []  # a prefix moving between regions is checked by the service as a whole


class RegionSerializer(serializers.ModelSerializer):
    areas = RegionAreaSerializer(many=True, required=False, help_text=_("Postal-code prefixes in the region."))

    class Meta:
        model = Region
        fields = ["id", "code", "name", "areas", "created_at", "updated_at"]


class DealerSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Derived from country and postal code; not written directly.")
    )
    region_name = serializers.CharField(source="region.name", read_only=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180)

    class Meta:
        model = Dealer
        fields = [
            "id", "code", "name", "region", "region_name", "parent", "tier", "latitude", "longitude",
            "address", "postal_code", "country", "phone", "email", "product_lines", "has_sales",
            "has_service", "weekly_lead_capacity", "territory", "active", "created_at", "updated_at",
        ]


class MemberSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    dealer_code = serializers.CharField(source="dealer.code", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "username", "email", "is_active", "role", "dealer", "dealer_code", "created_at"]
        read_only_fields = fields


class MemberCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"}, max_length=128)
    role = serializers.ChoiceField(choices=DealerRole.choices)


class StaffSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"}, max_length=128)
    hq_role = serializers.ChoiceField(choices=HQRole.choices)
    email = serializers.EmailField()

    class Meta:
        model = User
        fields = ["id", "username", "email", "password", "hq_role", "is_active", "date_joined"]
        read_only_fields = ["is_active", "date_joined"]
        extra_kwargs = {"username": {"validators": []}}  # the service answers "taken" itself


class MeMembershipSerializer(serializers.Serializer):
    dealer = serializers.IntegerField(source="dealer_id")
    dealer_code = serializers.CharField(source="dealer.code")
    dealer_name = serializers.CharField(source="dealer.name")
    role = serializers.ChoiceField(choices=DealerRole.choices)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    hq_role = serializers.CharField(source="role_at_hq", allow_null=True)
    memberships = serializers.SerializerMethodField()
    customer = serializers.SerializerMethodField()

    def get_memberships(self, user) -> list[dict]:
        membership = user.dealer_membership
        return MeMembershipSerializer([membership] if membership else [], many=True).data

    def get_customer(self, user) -> int | None:
        return getattr(getattr(user, "customer", None), "pk", None)
