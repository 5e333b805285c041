from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api.viewsets import ReadOnlyModelViewSet
from orders.api import serializers as s
from orders.documents import quote_pdf
from orders.filtersets import OrderFilterSet, QuoteFilterSet
from orders.models import Order, OrderLine, Quote
from orders.selectors import sent_quote, tracking_for
from orders.services import orders as order_services
from orders.services import quotes as quote_services

TOKEN = OpenApiParameter("token", OpenApiTypes.STR, OpenApiParameter.PATH, description="The key in the link.")


def _own_dealer(request, data):
    """Dealer staff may leave out `dealer`: it is their own."""
    if "dealer" not in data and request.user.dealer_membership:
        data["dealer"] = request.user.dealer_membership.dealer
    if "dealer" not in data:
        raise ValidationError({"dealer": ["This field is required."]})
    return data


class QuoteViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyModelViewSet):
    """Dealer sales staff quote for their dealer; HQ reads every quote (and approves discounts)."""

    queryset = Quote.objects.select_related("dealer", "customer").prefetch_related("lines__model")
    serializer_class = s.QuoteSerializer
    filterset_class = QuoteFilterSet

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.QuoteWriteSerializer
        return s.QuoteSerializer

    @extend_schema(request=s.QuoteWriteSerializer, responses={201: s.QuoteSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.QuoteWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = _own_dealer(request, dict(serializer.validated_data))
        quote = quote_services.quote_create(by=request.user, **data)
        return Response(s.QuoteSerializer(quote, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=s.QuoteWriteSerializer, responses=s.QuoteSerializer)
    def update(self, request, *args, **kwargs):
        quote = self.get_object()
        serializer = s.QuoteWriteSerializer(data=request.data, partial=True, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        for fixed in ("dealer", "customer", "lead"):
            data.pop(fixed, None)  # a quote's parties do not change; write a new quote instead
        quote = quote_services.quote_update(by=request.user, quote=quote, **data)
        return Response(s.QuoteSerializer(quote, context=self.get_serializer_context()).data)

    def _act(self, service, serializer_class=None, **extra):
        quote = self.get_object()
        if serializer_class is not None:
            params = serializer_class(data=self.request.data)
            params.is_valid(raise_exception=True)
            extra.update(params.validated_data)
        quote = service(by=self.request.user, quote=quote, **extra)
        return Response(s.QuoteSerializer(quote, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Draft → approved, or pending_approval when the discount is above the dealer tier's limit."""
        return self._act(quote_services.quote_submit)

    @extend_schema(request=s.OptionalReasonSerializer, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """HQ operations approve a discount above the tier's limit."""
        return self._act(quote_services.quote_approve, s.OptionalReasonSerializer)

    @extend_schema(request=s.OrderReasonSerializer, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"], url_path="decline-approval")
    def decline_approval(self, request, pk=None):
        """HQ operations send the quote back to draft, saying why."""
        return self._act(quote_services.quote_decline_approval, s.OrderReasonSerializer)

    @extend_schema(request=None, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Approved → sent; the customer gets the quote by email with a link to accept it."""
        return self._act(quote_services.quote_send)

    @extend_schema(request=None, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(quote_services.quote_accept)

    @extend_schema(request=s.OptionalReasonSerializer, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._act(quote_services.quote_decline, s.OptionalReasonSerializer)

    @extend_schema(request=None, responses={201: s.OrderSerializer})
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        """An accepted quote becomes a retail order, once; a second call is 409."""
        order = quote_services.quote_convert(by=request.user, quote=self.get_object())
        return Response(s.OrderSerializer(order, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.QuoteVersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        """Every version as it was sent to the customer."""
        quote = self.get_object()
        return Response(s.QuoteVersionSerializer(quote.versions.all(), many=True).data)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The quote as the PDF a dealer sends."""
        quote = self.get_object()
        response = HttpResponse(quote_pdf(quote, language=request.LANGUAGE_CODE), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{quote.reference.replace("/", "-v")}.pdf"'
        return response


class OrderViewSet(mixins.CreateModelMixin, ReadOnlyModelViewSet):
    """Retail and stock orders. Dealer sales staff see and work their dealer's; HQ sees all and
    moves them through the factory."""

    queryset = (Order.objects.select_related("dealer", "customer")
                .prefetch_related("lines__model", "lines__unit", "milestones"))
    serializer_class = s.OrderSerializer
    filterset_class = OrderFilterSet

    def get_serializer_class(self):
        return s.OrderWriteSerializer if self.action == "create" else s.OrderSerializer

    @extend_schema(request=s.OrderWriteSerializer, responses={201: s.OrderSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.OrderWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = _own_dealer(request, dict(serializer.validated_data))
        order = order_services.order_create(by=request.user, **data)
        return Response(self._render(order), status=status.HTTP_201_CREATED)

    def _render(self, order):
        order = self.queryset.get(pk=order.pk)
        return s.OrderSerializer(order, context=self.get_serializer_context()).data

    def _act(self, service, serializer_class=None):
        order = self.get_object()
        extra = {}
        if serializer_class is not None:
            params = serializer_class(data=self.request.data)
            params.is_valid(raise_exception=True)
            extra.update(params.validated_data)
        return Response(self._render(service(by=self.request.user, order=order, **extra)))

    @extend_schema(request=None, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(order_services.order_submit)

    @extend_schema(request=s.ExpectedDatesSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """HQ confirms; a retail order from a lead wins the lead; the customer gets the tracking link."""
        return self._act(order_services.order_confirm, s.ExpectedDatesSerializer)

    @extend_schema(request=s.ExpectedDatesSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"], url_path="start-production")
    def start_production(self, request, pk=None):
        return self._act(order_services.order_start_production, s.ExpectedDatesSerializer)

    @extend_schema(request=s.ExpectedDatesSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def ship(self, request, pk=None):
        return self._act(order_services.order_ship, s.ExpectedDatesSerializer)

    @extend_schema(request=None, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        return self._act(order_services.order_receive)

    @extend_schema(request=None, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        """Hand over: units sold to the customer, warranty starts."""
        return self._act(order_services.order_deliver)

    @extend_schema(request=s.OrderReasonSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(order_services.order_cancel, s.OrderReasonSerializer)

    @extend_schema(request=s.OrderReasonSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """HQ takes a delivered order back; the commission paid on it is charged back."""
        return self._act(order_services.order_return, s.OrderReasonSerializer)

    @extend_schema(request=s.AllocateSerializer, responses=s.OrderSerializer)
    @action(detail=True, methods=["post"])
    def allocate(self, request, pk=None):
        """Put a unit on a line: HQ from the factory, the dealer from its own stock."""
        order = self.get_object()
        params = s.AllocateSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        line = OrderLine.objects.filter(order=order, pk=params.validated_data["line"]).first()
        if line is None:
            raise ValidationError({"line": ["This order has no such line."]})
        order_services.order_allocate(by=request.user, order=order, line=line, unit=params.validated_data["unit"])
        return Response(self._render(order))


class TrackingView(APIView):
    """What a customer's tracking link shows. No account needed; throttled; unknown tokens are 404."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tracking"

    @extend_schema(responses=s.TrackingSerializer)
    def get(self, request, token):
        data = tracking_for(token)
        if data is None:
            raise Http404
        return Response(s.TrackingSerializer(data).data)


class PublicQuoteViewSet(viewsets.ViewSet):
    """The customer's quote link: read the quote they were sent, accept or decline it."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tracking"
    lookup_field = "token"

    def _quote(self, token):
        """Only a quote that was sent is behind its link; what shows is the version last sent."""
        quote = sent_quote(token)
        if quote is None:
            raise Http404
        return quote

    @extend_schema(responses=s.PublicQuoteSerializer, parameters=[TOKEN])
    def retrieve(self, request, token=None):
        quote = self._quote(token)
        return Response({"status": quote.status, "dealer": {"name": quote.dealer.name, "phone": quote.dealer.phone},
                         "sent": quote.versions.last().snapshot})

    @extend_schema(request=None, responses=None, parameters=[TOKEN])
    @action(detail=True, methods=["post"])
    def accept(self, request, token=None):
        quote = quote_services.quote_accept(by=None, quote=self._quote(token))
        return Response({"status": quote.status})

    @extend_schema(request=s.OptionalReasonSerializer, responses=None, parameters=[TOKEN])
    @action(detail=True, methods=["post"])
    def decline(self, request, token=None):
        params = s.OptionalReasonSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        quote = quote_services.quote_decline(by=None, quote=self._quote(token), **params.validated_data)
        return Response({"status": quote.status})
