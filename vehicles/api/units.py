from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.fields import VisiblePrimaryKeyRelatedField
from core.api.viewsets import ReadOnlyModelViewSet
from dealers.choices import SERVICE_ROLES
from dealers.models import Customer, Dealer
from vehicles.choices import UnitKind, UnitStatus
from vehicles.filtersets import UnitFilterSet
from vehicles.models import ProductModel, Unit, UnitEvent
from vehicles.services import units as unit_services


class OwnerContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "name", "email", "phone"]


class UnitSerializer(serializers.ModelSerializer):
    model_code = serializers.CharField(source="model.code", read_only=True, allow_null=True)
    model_name = serializers.CharField(source="model.name", read_only=True, allow_null=True)
    in_warranty_today = serializers.BooleanField(read_only=True)
    owner_contact = serializers.SerializerMethodField(help_text=_("For HQ, service staff and the owner only."))
    components = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "serial", "kind", "model", "model_code", "model_name", "make", "description", "parent",
                  "components", "status", "dealer", "selling_dealer", "owner", "owner_contact", "built_on",
                  "delivered_on", "warranty_start", "warranty_end", "in_warranty_today", "last_reading",
                  "created_at", "updated_at"]
        read_only_fields = fields

    def get_owner_contact(self, unit) -> dict | None:
        """A service advisor needs to reach the owner; a salesperson only needs the unit's availability."""
        user = self.context["request"].user
        membership = user.dealer_membership
        if unit.owner is None or not (user.is_hq or (membership and membership.role in SERVICE_ROLES)
                                      or unit.owner.account_id == user.pk):
            return None
        return OwnerContactSerializer(unit.owner).data


class UnitRegisterSerializer(serializers.Serializer):
    serial = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    model = VisiblePrimaryKeyRelatedField(queryset=ProductModel.objects.all(), required=False, allow_null=True)
    make = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    parent = VisiblePrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True)
    status = serializers.ChoiceField(choices=UnitStatus.choices, required=False, default=UnitStatus.PLANNED)
    dealer = VisiblePrimaryKeyRelatedField(queryset=Dealer.objects.all(), required=False, allow_null=True)
    selling_dealer = VisiblePrimaryKeyRelatedField(queryset=Dealer.objects.all(), required=False, allow_null=True)
    owner = VisiblePrimaryKeyRelatedField(queryset=Customer.objects.all(), required=False, allow_null=True)
    built_on = serializers.DateField(required=False, allow_null=True)
    delivered_on = serializers.DateField(required=False, allow_null=True)
    warranty_start = serializers.DateField(required=False, allow_null=True)
    warranty_end = serializers.DateField(required=False, allow_null=True)


class UnitEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)

    class Meta:
        model = UnitEvent
        fields = ["at", "kind", "summary", "from_status", "to_status", "actor", "ref_type", "ref_id"]


class ShareSerializer(serializers.Serializer):
    dealer = serializers.PrimaryKeyRelatedField(queryset=Dealer.objects.filter(active=True),
                                                help_text=_("The dealer whose service bay may see the unit."))


class UnitViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Units by serial or VIN. HQ registers any unit; service staff register a customer's
    third-party asset. State, holder and owner then change only through orders and actions."""

    queryset = Unit.objects.select_related("model", "owner").prefetch_related("components")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def get_serializer_class(self):
        return UnitRegisterSerializer if self.action == "create" else UnitSerializer

    @extend_schema(request=UnitRegisterSerializer, responses={201: UnitSerializer})
    def create(self, request, *args, **kwargs):
        params = UnitRegisterSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        unit = unit_services.unit_register(by=request.user, **params.validated_data)
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses=UnitEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Ownership, orders, repair orders, claims and contracts, in time order, each with its actor."""
        unit = self.get_object()
        events = unit.events.select_related("actor")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(UnitEventSerializer(page, many=True).data)

    @extend_schema(request=ShareSerializer, responses=UnitSerializer)
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        """Let another dealer's service staff see this unit (its owner took it to their bay)."""
        return self._share(unit_services.unit_share)

    @extend_schema(request=ShareSerializer, responses=UnitSerializer)
    @action(detail=True, methods=["post"])
    def unshare(self, request, pk=None):
        return self._share(unit_services.unit_unshare)

    def _share(self, service):
        unit = self.get_object()
        params = ShareSerializer(data=self.request.data)
        params.is_valid(raise_exception=True)
        unit = service(by=self.request.user, unit=unit, dealer=params.validated_data["dealer"])
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data)
