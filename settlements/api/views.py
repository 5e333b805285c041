from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.fields import VisiblePrimaryKeyRelatedField
from core.api.serializers import JobRefSerializer
from core.api.viewsets import ModelViewSet, ReadOnlyModelViewSet
from dealers.api.permissions import ReadAnyWriteHQ
from dealers.models import Dealer
from settlements import performance, periods
from settlements.models import CommissionRule, DealerTarget, IncentiveProgram, SettlementLine, Statement
from settlements.services import config as config_services
from settlements.services import statements as services

Money = lambda **kw: serializers.DecimalField(max_digits=14, decimal_places=2, **kw)  # noqa: E731
FINANCE = services.FINANCE
PERIOD_RE = r"^\d{4}-(0[1-9]|1[0-2])$"
PERIOD = OpenApiParameter("period", OpenApiTypes.STR, description="YYYY-MM", required=True)


class CommissionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommissionRule
        fields = ["id", "tier", "product_line", "percent", "valid_from", "valid_to", "created_at", "updated_at"]


class IncentiveProgramSerializer(serializers.ModelSerializer):
    bonus_per_unit = Money(min_value=0, required=False)
    bonus_amount = Money(min_value=0, required=False)

    class Meta:
        model = IncentiveProgram
        fields = ["id", "name", "kind", "starts_on", "ends_on", "tiers", "target_units", "bonus_per_unit",
                  "sla_share", "bonus_amount", "currency", "created_at", "updated_at"]


class DealerTargetSerializer(serializers.ModelSerializer):
    revenue = Money(min_value=0)

    class Meta:
        model = DealerTarget
        fields = ["id", "dealer", "period", "units", "revenue", "conversion_rate", "created_at", "updated_at"]


class ConfigViewSet(ModelViewSet):
    """Written by HQ finance and administrators, read by HQ."""

    permission_classes = [ReadAnyWriteHQ]
    write_roles = FINANCE

    def perform_create(self, serializer):
        serializer.instance = config_services.config_save(by=self.request.user, instance=self.queryset.model(),
                                                          **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = config_services.config_save(by=self.request.user, instance=serializer.instance,
                                                          **serializer.validated_data)


class CommissionRuleViewSet(ConfigViewSet):
    queryset = CommissionRule.objects.select_related("product_line")
    serializer_class = CommissionRuleSerializer


class IncentiveProgramViewSet(ConfigViewSet):
    queryset = IncentiveProgram.objects.all()
    serializer_class = IncentiveProgramSerializer


class DealerTargetViewSet(ConfigViewSet):
    queryset = DealerTarget.objects.select_related("dealer")
    serializer_class = DealerTargetSerializer
    filterset_fields = ["dealer", "period"]


class RunSerializer(serializers.Serializer):
    period = serializers.RegexField(PERIOD_RE, help_text=_("YYYY-MM"),
                                    error_messages={"invalid": _("Give the period as YYYY-MM, e.g. 2026-10.")})


class RunView(APIView):
    """Start the settlement run of a month (a job); re-running a month adds only what is new."""

    @extend_schema(request=RunSerializer, responses={202: JobRefSerializer})
    def post(self, request):
        params = RunSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        job = services.start_run(by=request.user, period=params.validated_data["period"])
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class LineSerializer(serializers.ModelSerializer):
    amount = Money()

    class Meta:
        model = SettlementLine
        fields = ["id", "kind", "amount", "currency", "source_key", "description", "period", "created_at"]


class StatementSerializer(serializers.ModelSerializer):
    dealer_code = serializers.CharField(source="dealer.code", read_only=True)
    total = Money(read_only=True)
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "dealer", "dealer_code", "period", "status", "currency", "total", "lines", "approved_at",
                  "paid_at", "created_at", "updated_at"]
        read_only_fields = fields


class PaidSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                      help_text=_("The bank transfer's reference."))


class AdjustmentSerializer(serializers.Serializer):
    dealer = VisiblePrimaryKeyRelatedField(queryset=Dealer.objects.all())
    period = serializers.RegexField(PERIOD_RE, help_text=_("YYYY-MM"))
    amount = Money()
    currency = serializers.CharField(max_length=3, default="CNY")
    reason = serializers.CharField(max_length=300)


class StatementViewSet(ReadOnlyModelViewSet):
    """Statements: HQ sees all; a dealer's principal their own dealer's, nobody else's."""

    queryset = Statement.objects.select_related("dealer").prefetch_related("lines")
    serializer_class = StatementSerializer
    filterset_fields = ["dealer", "period", "status"]

    @extend_schema(request=None, responses=StatementSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        statement = services.statement_approve(by=request.user, statement=self.get_object())
        return Response(StatementSerializer(statement).data)

    @extend_schema(request=PaidSerializer, responses=StatementSerializer)
    @action(detail=True, methods=["post"], url_path="mark-paid")
    def mark_paid(self, request, pk=None):
        statement = self.get_object()
        params = PaidSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        statement = services.statement_mark_paid(by=request.user, statement=statement, **params.validated_data)
        return Response(StatementSerializer(statement).data)

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        statement = self.get_object()
        response = HttpResponse(services.statement_csv(statement), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statement-{statement.dealer.code}-' \
                                          f'{statement.period}.csv"'
        return response


class AdjustmentView(APIView):
    """A manual correction by finance, with a reason (it goes on the period's statement, or the next
    one still open)."""

    @extend_schema(request=AdjustmentSerializer, responses={201: LineSerializer})
    def post(self, request):
        params = AdjustmentSerializer(data=request.data, context={"request": request})
        params.is_valid(raise_exception=True)
        line = services.adjustment_add(by=request.user, **params.validated_data)
        return Response(LineSerializer(line).data, status=status.HTTP_201_CREATED)


def _period(request) -> str:
    period = request.query_params.get("period", "")
    try:
        periods.parse(period)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    return period


def _public(row: dict) -> dict:
    """Money as strings with two decimals (API.md); working values (leading _) left out."""
    def money(value):
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        return _public(value) if isinstance(value, dict) else value

    return {k: money(v) for k, v in row.items() if not k.startswith("_")}


class DealerPerformanceView(APIView):
    """Figures per dealer for a month: HQ all dealers, dealer staff their own rows. Each row links
    to the lists its figures were counted from."""

    @extend_schema(parameters=[PERIOD], responses=None)
    def get(self, request):
        period = _period(request)
        rows = performance.dealer_figures(period, Dealer.objects.visible_to(request.user))
        return Response({"period": period, "count": len(rows), "results": [_public(r) for r in rows]})


class RegionPerformanceView(APIView):
    """The same figures rolled up per region, and for the whole network (HQ)."""

    @extend_schema(parameters=[PERIOD], responses=None)
    def get(self, request):
        if not request.user.is_hq:
            raise PermissionDenied("Regional figures are for HQ.")
        period = _period(request)
        rows = performance.dealer_figures(period, Dealer.objects.visible_to(request.user))
        return Response({"period": period, "results": [_public(r) for r in performance.rollup(rows, "region")],
                         "network": _public(performance.rollup(rows, None)[0]) if rows else None})


class ScorecardView(APIView):
    """A dealer's last three months against its tier, with a tier recommendation."""

    scope_model = Dealer  # rows come from Dealer.objects.visible_to (tests/core/test_api_scope.py)

    @extend_schema(parameters=[PERIOD], responses=None)
    def get(self, request, dealer_id):
        dealer = get_object_or_404(Dealer.objects.visible_to(request.user), pk=dealer_id)
        card = performance.scorecard(dealer, _period(request))
        return Response({**card, "months": [_public(m) for m in card["months"]]})
