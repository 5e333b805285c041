"""Dealer sales: customers, the quote builder, quotes and orders with their actions, the stock."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dealers import customers as customer_services
from dealers.choices import CustomerKind
from dealers.filtersets import CustomerFilterSet
from dealers.models import Customer
from frontend.views.base import PortalListView, act, run_service, visible
from leads.models import Lead
from orders.documents import quote_pdf
from orders.filtersets import OrderFilterSet, QuoteFilterSet
from orders.models import DiscountLimit, Order, OrderLine, Quote
from orders.services import orders as order_services
from orders.services import quotes as quote_services
from vehicles.filtersets import UnitFilterSet
from vehicles.models import Option, ProductModel, Unit

# --- customers ------------------------------------------------------------------------------------


class CustomerListView(PortalListView):
    queryset = Customer.objects.select_related("region")
    filterset_class = CustomerFilterSet
    template_name = "frontend/sales/customer_list.html"


class CustomerForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Kind"), choices=CustomerKind.choices)
    name = forms.CharField(label=_lazy("Name"), max_length=200)
    email = forms.EmailField(label=_lazy("Email"), required=False)
    phone = forms.CharField(label=_lazy("Phone"), max_length=32, required=False)
    postal_code = forms.CharField(label=_lazy("Postal code"), max_length=12, required=False)


@login_required
def customer_new(request):
    form = CustomerForm(request.POST or None)
    created = {}

    def create():
        created["c"] = customer_services.customer_create(by=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and run_service(request, form, create,
                                                                    success=_("Customer recorded.")):
        return redirect("customer-detail", pk=created["c"].pk)
    return render(request, "frontend/sales/customer_form.html", {"form": form})


@login_required
def customer_detail(request, pk):
    customer = visible(Customer, request.user, pk)
    user = request.user
    return render(request, "frontend/sales/customer_detail.html", {
        "customer": customer,
        "contacts": customer.contacts.all(),
        "leads": Lead.objects.visible_to(user).filter(customer=customer).select_related("model")[:20],
        "quotes": Quote.objects.visible_to(user).filter(customer=customer)[:20],
        "orders": Order.objects.visible_to(user).filter(customer=customer)[:20],
        "units": Unit.objects.visible_to(user).filter(owner=customer).select_related("model")[:50],
    })


# --- quotes ---------------------------------------------------------------------------------------


class QuoteListView(PortalListView):
    queryset = Quote.objects.select_related("customer", "dealer")
    filterset_class = QuoteFilterSet
    template_name = "frontend/sales/quote_list.html"


def _builder_lines(data) -> list[dict]:
    """The builder's rows from the form: model, options (codes), quantity, unit price (optional)."""
    lines = []
    for index in range(int(data.get("rows", "1") or 1)):
        model_id = data.get(f"model_{index}")
        if not model_id:
            continue
        model = ProductModel.objects.filter(pk=model_id, active=True).first()
        if model is None:
            continue
        try:
            quantity = max(1, int(data.get(f"quantity_{index}") or 1))
            price = data.get(f"price_{index}")
            unit_price = Decimal(price) if price else None
        except (ValueError, InvalidOperation):
            quantity, unit_price = 1, None
        lines.append({"model": model, "quantity": quantity, "unit_price": unit_price,
                      "options": data.getlist(f"options_{index}")})
    return lines


def _discount(data) -> Decimal:
    try:
        return max(Decimal(0), min(Decimal(100), Decimal(data.get("discount_percent") or 0)))
    except InvalidOperation:
        return Decimal(0)


@login_required
def quote_preview(request):
    """The builder's live totals (htmx): the same pricing the service will apply, nothing saved."""
    membership = request.user.dealer_membership
    if membership is None:
        raise PermissionDenied
    discount = _discount(request.POST)
    context = {"limit": quote_services.discount_limit_for(membership.dealer), "currency": "CNY"}
    try:
        totals, rate, needs_approval = quote_services.quote_preview(
            by=request.user, dealer=membership.dealer, lines=_builder_lines(request.POST), discount_percent=discount)
        context.update(totals=totals, rate=rate * 100, needs_approval=needs_approval)
    except ValidationError as exc:  # no model chosen yet, an option that does not fit, no tax rate
        context["problem"] = " ".join(exc.messages)
    return render(request, "frontend/sales/_quote_totals.html", context)


@login_required
def quote_new(request):
    membership = request.user.dealer_membership
    if membership is None:
        raise PermissionDenied
    customers = Customer.objects.visible_to(request.user).order_by("name")
    lead = None
    if request.GET.get("lead"):
        lead = visible(Lead, request.user, request.GET["lead"])
    if request.method == "POST":
        data = request.POST
        customer = customers.filter(pk=data.get("customer") or 0).first()
        lead = Lead.objects.visible_to(request.user).filter(pk=data.get("lead") or 0).first()
        created = {}
        if customer is None:
            messages.error(request, _("Choose the customer."))
        elif run_service(request, None, lambda: created.update(q=quote_services.quote_create(
                by=request.user, dealer=membership.dealer, customer=customer, lead=lead,
                lines=_builder_lines(data), discount_percent=_discount(data), note=data.get("note", "")[:2000])),
                success=_("Quote saved as a draft.")):
            return redirect("quote-detail", pk=created["q"].pk)
    models = ProductModel.objects.filter(active=True).select_related("product_line")
    return render(request, "frontend/sales/quote_builder.html", {
        "customers": customers[:500], "lead": lead, "models": models,
        "options": Option.objects.filter(active=True).select_related("model"),
        "limit": DiscountLimit.objects.filter(tier=membership.dealer.tier).first(),
    })


@login_required
def quote_detail(request, pk):
    quote = visible(Quote, request.user, pk)
    return render(request, "frontend/sales/quote_detail.html", {
        "quote": quote, "lines": quote.lines.select_related("model"), "versions": quote.versions.all(),
        "events": quote.events.select_related("actor"), "order": getattr(quote, "order", None),
        "may_sell": bool(request.user.dealer_membership), "may_approve": request.user.role_at_hq in
        quote_services.APPROVERS,
    })


@login_required
def quote_pdf_view(request, pk):
    quote = visible(Quote, request.user, pk)
    response = HttpResponse(quote_pdf(quote, language=request.LANGUAGE_CODE), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.reference.replace("/", "-v")}.pdf"'
    return response


QUOTE_ACTIONS = {
    "submit": (quote_services.quote_submit, _lazy("Quote submitted.")),
    "approve": (quote_services.quote_approve, _lazy("Discount approved.")),
    "send": (quote_services.quote_send, _lazy("Quote sent to the customer.")),
    "accept": (quote_services.quote_accept, _lazy("Quote accepted.")),
    "decline": (quote_services.quote_decline, _lazy("Quote declined.")),
}


@login_required
def quote_action(request, pk, action):
    quote = visible(Quote, request.user, pk)
    back = f"/quotes/{quote.pk}/"
    if action == "decline-approval":
        return act(request, lambda: quote_services.quote_decline_approval(
            by=request.user, quote=quote, reason=request.POST.get("reason", "")), success=_("Sent back to draft."),
            back=back)
    if action == "convert":
        made = {}
        if request.method == "POST" and run_service(request, None, lambda: made.update(
                o=quote_services.quote_convert(by=request.user, quote=quote)), success=_("Order created.")):
            return redirect("order-detail", pk=made["o"].pk)
        return redirect(back)
    service, success = QUOTE_ACTIONS[action]
    return act(request, lambda: service(by=request.user, quote=quote), success=success, back=back)


# --- orders ---------------------------------------------------------------------------------------


class OrderListView(PortalListView):
    queryset = Order.objects.select_related("customer", "dealer")
    filterset_class = OrderFilterSet
    template_name = "frontend/sales/order_list.html"


@login_required
def order_detail(request, pk):
    order = visible(Order, request.user, pk)
    lines = list(order.lines.select_related("model", "unit"))
    # Units that may go on each line: HQ the factory's, the dealer its own stock of that model.
    candidates = {}
    if order.status in order_services.ALLOCATABLE:
        units = Unit.objects.visible_to(request.user).filter(model_id__in={line.model_id for line in lines})
        if request.user.is_hq:
            units = units.filter(dealer__isnull=True, status__in=["planned", "built"]) | units.filter(
                dealer=order.dealer, status="dealer_stock")
        else:
            units = units.filter(dealer=order.dealer, status="dealer_stock")
        taken = set(OrderLine.objects.filter(is_live=True, unit__isnull=False).values_list("unit_id", flat=True))
        for unit in units.order_by("serial")[:200]:
            if unit.pk not in taken:
                candidates.setdefault(unit.model_id, []).append(unit)
    return render(request, "frontend/sales/order_detail.html", {
        "order": order, "lines": [(line, candidates.get(line.model_id, [])) for line in lines],
        "milestones": order.milestones.select_related("actor"),
        "is_hq": request.user.role_at_hq in order_services.FACTORY_ROLES,
        "is_dealer": bool(request.user.dealer_membership),
    })


ORDER_ACTIONS = {
    "submit": (order_services.order_submit, _lazy("Order submitted to HQ.")),
    "confirm": (order_services.order_confirm, _lazy("Order confirmed; the customer has the tracking link.")),
    "start-production": (order_services.order_start_production, _lazy("Production started.")),
    "ship": (order_services.order_ship, _lazy("Shipped to the dealer.")),
    "receive": (order_services.order_receive, _lazy("Received at the dealer.")),
    "deliver": (order_services.order_deliver, _lazy("Handed over: the warranty has started.")),
}


@login_required
def order_action(request, pk, action):
    order = visible(Order, request.user, pk)
    back = f"/orders/{order.pk}/"
    if action == "cancel":
        return act(request, lambda: order_services.order_cancel(by=request.user, order=order,
                                                                reason=request.POST.get("reason", "")),
                   success=_("Order cancelled."), back=back)
    if action == "allocate":
        line = OrderLine.objects.filter(order=order, pk=request.POST.get("line") or 0).first()
        unit = Unit.objects.visible_to(request.user).filter(pk=request.POST.get("unit") or 0).first()
        if line is None or unit is None:
            messages.error(request, _("Choose a line and one of the units offered."))
            return redirect(back)
        return act(request, lambda: order_services.order_allocate(by=request.user, order=order, line=line,
                                                                  unit=unit),
                   success=_("Unit %(serial)s allocated.") % {"serial": unit.serial}, back=back)
    service, success = ORDER_ACTIONS[action]
    return act(request, lambda: service(by=request.user, order=order), success=success, back=back)


# --- the dealer's stock ---------------------------------------------------------------------------


class StockListView(PortalListView):
    """Units in the dealer's yard (and, for HQ, everywhere): what can be sold today."""

    queryset = Unit.objects.select_related("model", "dealer").filter(status__in=["dealer_stock", "in_transit"])
    filterset_class = UnitFilterSet
    template_name = "frontend/sales/stock_list.html"
