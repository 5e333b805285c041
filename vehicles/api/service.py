from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.fields import VisiblePrimaryKeyRelatedField
from core.api.viewsets import ReadOnlyModelViewSet
from vehicles.choices import ContractKind, Coverage, CoveredBy, LineKind, RepairStatus, ServiceRequestStatus
from vehicles.filtersets import (
    RepairOrderFilterSet,
    ServiceContractFilterSet,
    ServiceRequestFilterSet,
    WarrantyClaimFilterSet,
)
from vehicles.models import RepairLine, RepairOrder, ServiceContract, ServiceRequest, Unit, WarrantyClaim
from vehicles.services import service as services

Money = lambda **kw: serializers.DecimalField(max_digits=14, decimal_places=2, **kw)  # noqa: E731


def _respond(viewset, serializer_class, obj, code=status.HTTP_200_OK):
    return Response(serializer_class(obj, context=viewset.get_serializer_context()).data, status=code)


# --- contracts -------------------------------------------------------------------------------------

class ServiceContractSerializer(serializers.ModelSerializer):
    unit = VisiblePrimaryKeyRelatedField(queryset=Unit.objects.all())
    kind = serializers.ChoiceField(choices=ContractKind.choices)
    covers = serializers.ChoiceField(choices=Coverage.choices)

    class Meta:
        model = ServiceContract
        fields = ["id", "unit", "dealer", "kind", "starts_on", "ends_on", "covers", "response_hours", "created_at",
                  "updated_at"]
        read_only_fields = ["dealer"]


class ServiceContractViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Contracts on units you can see; HQ or the unit's dealer records new ones."""

    queryset = ServiceContract.objects.select_related("unit")
    serializer_class = ServiceContractSerializer
    filterset_class = ServiceContractFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.contract_create(by=self.request.user, **serializer.validated_data)


# --- service requests --------------------------------------------------------------------------------

class ServiceRequestSerializer(serializers.ModelSerializer):
    unit = VisiblePrimaryKeyRelatedField(queryset=Unit.objects.all())

    class Meta:
        model = ServiceRequest
        fields = ["id", "unit", "customer", "dealer", "description", "preferred_date", "scheduled_for", "status",
                  "created_at", "updated_at"]
        read_only_fields = ["customer", "dealer", "scheduled_for", "status"]


class ScheduleSerializer(serializers.Serializer):
    scheduled_for = serializers.DateTimeField()


class ServiceRequestViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Customers ask for service on their own units; the dealer's service staff schedule and close."""

    queryset = ServiceRequest.objects.select_related("unit", "dealer")
    serializer_class = ServiceRequestSerializer
    filterset_class = ServiceRequestFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.service_request_create(by=self.request.user, **serializer.validated_data)

    @extend_schema(request=ScheduleSerializer, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        obj = self.get_object()
        params = ScheduleSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        obj = services.service_request_advance(by=request.user, request=obj, to_status=ServiceRequestStatus.SCHEDULED,
                                               **params.validated_data)
        return _respond(self, ServiceRequestSerializer, obj)

    @extend_schema(request=None, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        obj = services.service_request_advance(by=request.user, request=self.get_object(),
                                               to_status=ServiceRequestStatus.DONE)
        return _respond(self, ServiceRequestSerializer, obj)

    @extend_schema(request=None, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        obj = services.service_request_advance(by=request.user, request=self.get_object(),
                                               to_status=ServiceRequestStatus.CANCELLED)
        return _respond(self, ServiceRequestSerializer, obj)


# --- repair orders ---------------------------------------------------------------------------------

class RepairLineSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=LineKind.choices)
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    unit_price = Money(min_value=0)
    amount = Money(read_only=True)
    covered_by = serializers.ChoiceField(choices=CoveredBy.choices, required=False,
                                         help_text=_("Leave out to let the unit's warranty and contracts decide."))

    class Meta:
        model = RepairLine
        fields = ["id", "kind", "description", "part_number", "quantity", "unit_price", "amount", "covered_by"]


class RepairOrderSerializer(serializers.ModelSerializer):
    unit = VisiblePrimaryKeyRelatedField(queryset=Unit.objects.all())
    reference = serializers.CharField(read_only=True)
    lines = RepairLineSerializer(many=True, required=False)
    odometer_or_hours = serializers.DecimalField(max_digits=12, decimal_places=1, min_value=0)
    total = Money(read_only=True)
    claim = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = RepairOrder
        fields = ["id", "reference", "unit", "dealer", "service_request", "complaint", "failure_date",
                  "odometer_or_hours", "lines", "status", "currency", "total", "claim", "completed_at", "created_at",
                  "updated_at"]
        read_only_fields = ["dealer", "status", "currency", "completed_at", "service_request"]


class RepairOrderViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """A dealer's service staff open and work repair orders; HQ reads them."""

    queryset = RepairOrder.objects.select_related("unit").prefetch_related("lines")
    serializer_class = RepairOrderSerializer
    filterset_class = RepairOrderFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.repair_order_open(by=self.request.user, **serializer.validated_data)

    @extend_schema(request=RepairLineSerializer, responses={201: RepairOrderSerializer})
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        """Add a labour or part line; its coverage is decided from the unit's warranty and contracts."""
        repair = self.get_object()
        params = RepairLineSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        services.repair_order_add_line(by=request.user, repair=repair, **params.validated_data)
        return _respond(self, RepairOrderSerializer, self.get_object(), status.HTTP_201_CREATED)

    def _advance(self, to_status):
        repair = services.repair_order_advance(by=self.request.user, repair=self.get_object(), to_status=to_status)
        return _respond(self, RepairOrderSerializer, repair)

    @extend_schema(request=None, responses=RepairOrderSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._advance(RepairStatus.IN_PROGRESS)

    @extend_schema(request=None, responses=RepairOrderSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._advance(RepairStatus.COMPLETED)

    @extend_schema(request=None, responses=RepairOrderSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._advance(RepairStatus.CLOSED)


# --- warranty claims --------------------------------------------------------------------------------

class WarrantyClaimSerializer(serializers.ModelSerializer):
    repair_order = VisiblePrimaryKeyRelatedField(queryset=RepairOrder.objects.all())
    reference = serializers.CharField(read_only=True)
    amount_claimed = Money(read_only=True)
    amount_approved = Money(read_only=True, allow_null=True)

    class Meta:
        model = WarrantyClaim
        fields = ["id", "reference", "repair_order", "dealer", "unit", "status", "currency", "amount_claimed",
                  "amount_approved", "decision_reason", "submitted_at", "decided_at", "created_at", "updated_at"]
        read_only_fields = ["dealer", "unit", "status", "currency", "decision_reason", "submitted_at", "decided_at"]


class ApproveSerializer(serializers.Serializer):
    amount_approved = Money(min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class WarrantyClaimViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Service staff claim a repair order's warranty lines; HQ operations decide."""

    queryset = WarrantyClaim.objects.select_related("unit", "repair_order")
    serializer_class = WarrantyClaimSerializer
    filterset_class = WarrantyClaimFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.claim_create(by=self.request.user,
                                                    repair=serializer.validated_data["repair_order"])

    @extend_schema(request=None, responses=WarrantyClaimSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Refused, saying why, when the unit was out of warranty on the failure date."""
        return _respond(self, WarrantyClaimSerializer,
                        services.claim_submit(by=request.user, claim=self.get_object()))

    @extend_schema(request=ApproveSerializer, responses=WarrantyClaimSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The whole amount (approved) or part of it (partially_approved, with a reason)."""
        claim = self.get_object()
        params = ApproveSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        return _respond(self, WarrantyClaimSerializer,
                        services.claim_approve(by=request.user, claim=claim, **params.validated_data))

    @extend_schema(request=RejectSerializer, responses=WarrantyClaimSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        claim = self.get_object()
        params = RejectSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        return _respond(self, WarrantyClaimSerializer,
                        services.claim_reject(by=request.user, claim=claim, **params.validated_data))
