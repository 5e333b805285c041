from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api.serializers import JobRefSerializer
from core.api.viewsets import ModelViewSet, ReadOnlyModelViewSet
from dealers.api.permissions import ReadAnyWriteHQ
from leads import services
from leads.api import serializers as s
from leads.choices import LeadStatus
from leads.filtersets import LeadFilterSet
from leads.models import Lead, RoutingPolicy
from leads.services.imports import ImportRejected, import_leads
from leads.services.routing import ROUTERS, policy_save

SYNC_ROUTING_LIMIT = 50


class LeadViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Leads. HQ sees all; a dealer's principal and sales managers their dealer's; a salesperson
    those given to them. Another dealer's lead is 404 on every route."""

    queryset = Lead.objects.select_related("customer", "model", "dealer")
    serializer_class = s.LeadSerializer
    filterset_class = LeadFilterSet

    def get_serializer_class(self):
        return s.LeadCreateSerializer if self.action == "create" else s.LeadSerializer

    def _render(self, lead, code=status.HTTP_200_OK):
        return Response(s.LeadSerializer(self.queryset.get(pk=lead.pk)).data, status=code)

    def _params(self, serializer_class):
        params = serializer_class(data=self.request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        return params.validated_data

    @extend_schema(request=s.LeadCreateSerializer, responses={201: s.LeadSerializer, 200: s.LeadSerializer})
    def create(self, request, *args, **kwargs):
        """HQ creates a lead for a customer; a repeat of an open lead is merged (200) instead."""
        if request.user.role_at_hq not in ROUTERS:
            raise PermissionDenied("Only HQ operations create leads.")
        lead, merged = services.lead_create(by=request.user, **self._params(s.LeadCreateSerializer))
        return self._render(lead, status.HTTP_200_OK if merged else status.HTTP_201_CREATED)

    @extend_schema(request=s.DealerChoiceSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """HQ offers the lead to a dealer by hand (new → assigned, or away from another dealer)."""
        lead = self.get_object()
        return self._render(services.lead_assign(by=request.user, lead=lead, **self._params(s.DealerChoiceSerializer)))

    @extend_schema(request=None, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._render(services.lead_accept(by=request.user, lead=self.get_object()))

    @extend_schema(request=s.ReasonSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Back to new, this dealer excluded, and routed again."""
        lead = self.get_object()
        return self._render(services.lead_reject(by=request.user, lead=lead, **self._params(s.ReasonSerializer)))

    @extend_schema(request=s.DelegateSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def delegate(self, request, pk=None):
        lead = self.get_object()
        return self._render(services.lead_delegate(by=request.user, lead=lead, **self._params(s.DelegateSerializer)))

    @extend_schema(request=s.LeadContactSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def contact(self, request, pk=None):
        lead = self.get_object()
        return self._render(services.lead_contact(by=request.user, lead=lead, **self._params(s.LeadContactSerializer)))

    @extend_schema(request=s.ReasonSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def lose(self, request, pk=None):
        lead = self.get_object()
        return self._render(services.lead_lose(by=request.user, lead=lead, **self._params(s.ReasonSerializer)))

    @extend_schema(request=s.ReasonSerializer, responses=s.LeadSerializer)
    @action(detail=True, methods=["post"])
    def disqualify(self, request, pk=None):
        lead = self.get_object()
        return self._render(services.lead_disqualify(by=request.user, lead=lead,
                                                     **self._params(s.ReasonSerializer)))

    @extend_schema(responses=s.LeadEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        events = self.get_object().events.select_related("actor", "dealer")
        return Response(s.LeadEventSerializer(events, many=True).data)

    @extend_schema(responses=s.RoutingDecisionSerializer)
    @action(detail=True, methods=["get"])
    def routing(self, request, pk=None):
        """Why the lead went where it went: the candidates with each factor's contribution (HQ)."""
        lead = self.get_object()
        if not request.user.is_hq:
            raise PermissionDenied("The routing explanation is for HQ.")
        decision = lead.routing_decisions.first()
        if decision is None:
            raise Http404
        return Response(s.RoutingDecisionSerializer(decision).data)

    @extend_schema(request=s.RouteSerializer, responses={200: s.RouteResultSerializer, 202: JobRefSerializer})
    @action(detail=False, methods=["post"])
    def route(self, request):
        """Route leads with the active policy: up to 50 at once answer here; more run as a job."""
        if request.user.role_at_hq not in ROUTERS:
            raise PermissionDenied("Only HQ operations route leads.")
        params = self._params(s.RouteSerializer)
        new = Lead.objects.visible_to(request.user).filter(status=LeadStatus.NEW)
        ids = params.get("lead_ids") or list(new.values_list("pk", flat=True))
        if len(ids) <= SYNC_ROUTING_LIMIT:
            return Response(services.route_leads(by=request.user, lead_ids=ids).as_dict())
        job = services.start_routing_job(by=request.user, lead_ids=ids)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request={"text/csv": bytes, "multipart/form-data": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}}}, responses=s.ImportResultSerializer)
    @action(detail=False, methods=["post"], url_path="import",
            parser_classes=[MultiPartParser, FormParser, JSONParser])
    def import_(self, request):
        """A CSV lead list (columns: first_name, last_name, company, email, phone, postal_code,
        country, latitude, longitude, model, source, message, consent). All rows or none: a bad file
        answers 400 listing every bad row by line number and field."""
        if request.user.role_at_hq not in ROUTERS:
            raise PermissionDenied("Only HQ operations import leads.")
        upload = request.FILES.get("file")
        content = upload.read() if upload else request.body
        try:
            result = import_leads(by=request.user, content=content)
        except ImportRejected as exc:
            fields = {f"line {r['line']}.{r['field']}": [r["message"]] for r in exc.rows}
            return Response({"detail": exc.messages[0], "code": "invalid", "fields": fields, "rows": exc.rows},
                            status=status.HTTP_400_BAD_REQUEST)
        job = None
        if result.created and services.routing.active_policy():
            job = services.start_routing_job(by=request.user, lead_ids=result.created).pk
        return Response({**result.as_dict(), "job": job})


class RoutingPolicyViewSet(ModelViewSet):
    """Routing policies (HQ administrators and operations); exactly one is active."""

    queryset = RoutingPolicy.objects.all()
    serializer_class = s.RoutingPolicySerializer
    permission_classes = [ReadAnyWriteHQ]
    write_roles = ROUTERS

    def perform_create(self, serializer):
        serializer.instance = policy_save(by=self.request.user, policy=RoutingPolicy(), **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = policy_save(by=self.request.user, policy=serializer.instance,
                                          **serializer.validated_data)


class SimulateView(APIView):
    """Run a policy over past or pending leads without changing anything: how would they spread?"""

    @extend_schema(request=s.SimulateSerializer, responses=None)
    def post(self, request):
        if not request.user.is_hq:
            raise PermissionDenied("Simulations are for HQ.")
        params = s.SimulateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        ids = data.get("lead_ids")
        if not ids:
            leads = Lead.objects.visible_to(request.user)
            if data.get("created_after"):
                leads = leads.filter(created_at__gte=data["created_after"])
            if data.get("created_before"):
                leads = leads.filter(created_at__lt=data["created_before"])
            if data.get("status"):
                leads = leads.filter(status=data["status"])
            ids = list(leads.values_list("pk", flat=True)[:50_000])
        return Response(services.simulate(by=request.user, policy_data=dict(data["policy"]), lead_ids=ids))


class EnquiryView(APIView):
    """Anyone may enquire, without an account; throttled per client. Answers only a reference."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"

    @extend_schema(request=s.EnquirySerializer, responses={201: s.ReferenceSerializer})
    def post(self, request):
        params = s.EnquirySerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        data.pop("consent")
        lead, _merged = services.lead_capture(by=None, enquiry=services.Enquiry(**data, consent=True))
        return Response({"reference": lead.reference}, status=status.HTTP_201_CREATED)
