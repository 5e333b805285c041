from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api.viewsets import ModelViewSet
from dealers import services
from dealers.api.permissions import IsHQAdmin, ReadAnyWriteHQ
from dealers.api.serializers import (
    DealerSerializer,
    MemberCreateSerializer,
    MemberSerializer,
    MeSerializer,
    RegionSerializer,
    StaffSerializer,
)
from dealers.filtersets import DealerFilterSet, RegionFilterSet
from dealers.models import Dealer, Membership, Region, User
from dealers.roles import NETWORK_EDITORS, may_manage_members


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token: `Authorization: Token <token>`."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        """Who am I: HQ role, dealer memberships, linked customer record."""
        return Response(MeSerializer(request.user).data)


class RegionViewSet(ModelViewSet):
    queryset = Region.objects.prefetch_related("areas")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    permission_classes = [ReadAnyWriteHQ]
    write_roles = NETWORK_EDITORS

    def perform_create(self, serializer):
        serializer.instance = services.region_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.region_update(
            by=self.request.user, region=serializer.instance, **serializer.validated_data
        )


class DealerViewSet(ModelViewSet):
    """The dealer network. HQ sees every dealer; dealer staff their own and its sub-dealers.
    Deactivate a dealer with `"active": false`; it is never deleted, so its history stays."""

    queryset = Dealer.objects.select_related("region").prefetch_related("product_lines")
    serializer_class = DealerSerializer
    filterset_class = DealerFilterSet
    permission_classes = [ReadAnyWriteHQ]
    write_roles = NETWORK_EDITORS

    def perform_create(self, serializer):
        serializer.instance = services.dealer_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.dealer_update(
            by=self.request.user, dealer=serializer.instance, **serializer.validated_data
        )

    @extend_schema(methods=["GET"], responses=MemberSerializer(many=True))
    @extend_schema(methods=["POST"], request=MemberCreateSerializer, responses={201: MemberSerializer})
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def members(self, request, pk=None):
        """The dealer's staff (HQ and the dealer's principal); POST creates a staff account."""
        dealer = self.get_object()
        if not may_manage_members(request.user, dealer):
            raise PermissionDenied("Only HQ operations or the dealer's principal manage its staff.")
        if request.method == "POST":
            serializer = MemberCreateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            membership = services.member_add(by=request.user, dealer=dealer, **serializer.validated_data)
            return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)
        members = Membership.objects.visible_to(request.user).filter(dealer=dealer).select_related("user", "dealer")
        page = self.paginate_queryset(members)
        return self.get_paginated_response(MemberSerializer(page, many=True).data)


class StaffViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """HQ staff accounts; only an HQ administrator lists or creates them."""

    queryset = User.objects.exclude(hq_role="").order_by("username")
    serializer_class = StaffSerializer
    permission_classes = [IsHQAdmin]

    def perform_create(self, serializer):
        serializer.instance = services.staff_create(by=self.request.user, **serializer.validated_data)
