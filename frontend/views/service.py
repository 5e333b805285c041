"""The service bay: find a unit, its page, repair orders with coverage, warranty claims; HQ adjudicates."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from frontend.views.base import PortalListView, act, form_errors, run_service, visible
from vehicles.choices import CoveredBy, LineKind
from vehicles.filtersets import UnitFilterSet, WarrantyClaimFilterSet
from vehicles.models import RepairOrder, ServiceRequest, Unit, WarrantyClaim
from vehicles.services import service as services
from vehicles.services.service import contracts_in_force, coverage_for


class UnitSearchView(PortalListView):
    """Find a unit by VIN or serial, or any part of it."""

    queryset = Unit.objects.select_related("model", "owner", "dealer")
    filterset_class = UnitFilterSet
    template_name = "frontend/service/unit_search.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        page = self.object_list
        serial = request.GET.get("serial", "").strip()
        if serial and page.count() == 1 and not request.GET.get("page"):
            return redirect("unit-detail", pk=page.get().pk)  # a full VIN goes straight to the unit
        return response


@login_required
def unit_detail(request, pk):
    unit = visible(Unit, request.user, pk)
    today = timezone.localdate()
    membership = request.user.dealer_membership
    return render(request, "frontend/service/unit_detail.html", {
        "unit": unit, "today": today,
        "contracts": unit.contracts.all(), "in_force": list(contracts_in_force(unit, today)),
        "components": Unit.objects.visible_to(request.user).filter(parent=unit).select_related("model"),
        "history": unit.events.select_related("actor"),
        "repairs": RepairOrder.objects.visible_to(request.user).filter(unit=unit),
        "may_repair": bool(membership and membership.role in ("principal", "service")),
        "show_owner": request.user.is_hq or bool(membership and membership.role in ("principal", "service"))
        or (unit.owner_id and unit.owner.account_id == request.user.pk),
    })


class RepairForm(forms.Form):
    complaint = forms.CharField(label=_lazy("Complaint"), widget=forms.Textarea(attrs={"rows": 2}))
    failure_date = forms.DateField(label=_lazy("Failure date"), widget=forms.DateInput(attrs={"type": "date"}))
    odometer_or_hours = forms.DecimalField(label=_lazy("Odometer (km) or hours"), min_value=0, decimal_places=1)


@login_required
def repair_new(request, unit_pk):
    unit = visible(Unit, request.user, unit_pk)
    form = RepairForm(request.POST or None, initial={"failure_date": timezone.localdate()})
    made = {}
    if request.method == "POST" and form.is_valid() and run_service(
            request, form, lambda: made.update(r=services.repair_order_open(by=request.user, unit=unit,
                                                                            **form.cleaned_data)),
            success=_("Repair order opened.")):
        return redirect("repair-detail", pk=made["r"].pk)
    return render(request, "frontend/service/repair_form.html", {"form": form, "unit": unit})


class LineForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Labour or part"), choices=LineKind.choices)
    description = forms.CharField(label=_lazy("Description"), max_length=300)
    quantity = forms.DecimalField(label=_lazy("Quantity or hours"), min_value=0, decimal_places=2)
    unit_price = forms.DecimalField(label=_lazy("Unit price"), min_value=0, decimal_places=2)
    covered_by = forms.ChoiceField(label=_lazy("Who pays"), required=False,
                                   choices=[("", _lazy("Decide from warranty and contracts")), *CoveredBy.choices])


@login_required
def repair_detail(request, pk):
    repair = visible(RepairOrder, request.user, pk)
    unit = repair.unit
    return render(request, "frontend/service/repair_detail.html", {
        "repair": repair, "lines": repair.lines.all(), "form": LineForm(),
        "coverage": {kind: CoveredBy(coverage_for(unit, repair.failure_date, kind)).label for kind in LineKind.values},
        "claim": getattr(repair, "claim", None), "may_work": bool(request.user.dealer_membership),
        "events": repair.events.select_related("actor"),
    })


@login_required
def repair_add_line(request, pk):
    repair = visible(RepairOrder, request.user, pk)
    form = LineForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("repair-detail", pk=repair.pk)
    data = {**form.cleaned_data, "covered_by": form.cleaned_data["covered_by"] or None}
    return act(request, lambda: services.repair_order_add_line(by=request.user, repair=repair, **data),
               success=_("Line added."), back=f"/repairs/{repair.pk}/")


@login_required
def repair_advance(request, pk, to_status):
    repair = visible(RepairOrder, request.user, pk)
    return act(request, lambda: services.repair_order_advance(by=request.user, repair=repair, to_status=to_status),
               success=_("Repair order updated."), back=f"/repairs/{repair.pk}/")


@login_required
def claim_file(request, pk):
    """File (and submit) the warranty claim of a completed repair order."""
    repair = visible(RepairOrder, request.user, pk)
    made = {}

    def file():
        made["c"] = services.claim_create(by=request.user, repair=repair)
        services.claim_submit(by=request.user, claim=made["c"])

    if request.method == "POST" and run_service(request, None, file, success=_("Warranty claim submitted to HQ.")):
        return redirect("claim-detail", pk=made["c"].pk)
    return redirect("repair-detail", pk=repair.pk)


class ClaimListView(PortalListView):
    """HQ's adjudication queue (submitted claims first); a bay's own claims."""

    queryset = WarrantyClaim.objects.select_related("dealer", "unit", "repair_order").order_by("status", "-created_at")
    filterset_class = WarrantyClaimFilterSet
    template_name = "frontend/service/claim_list.html"


@login_required
def claim_detail(request, pk):
    claim = visible(WarrantyClaim, request.user, pk)
    return render(request, "frontend/service/claim_detail.html", {
        "claim": claim, "lines": claim.repair_order.lines.filter(covered_by=CoveredBy.WARRANTY),
        "events": claim.events.select_related("actor"),
        "may_decide": request.user.role_at_hq in services.CLAIM_DECIDERS,
        "unit": claim.unit,
    })


@login_required
def claim_decide(request, pk, decision):
    claim = visible(WarrantyClaim, request.user, pk)
    reason = request.POST.get("reason", "")[:2000]
    back = f"/claims/{claim.pk}/"
    if decision == "reject":
        return act(request, lambda: services.claim_reject(by=request.user, claim=claim, reason=reason),
                   success=_("Claim rejected."), back=back)
    try:
        amount = Decimal(request.POST.get("amount_approved") or claim.amount_claimed)
    except InvalidOperation:
        messages.error(request, _("Enter the amount to approve."))
        return redirect(back)
    return act(request, lambda: services.claim_approve(by=request.user, claim=claim, amount_approved=amount,
                                                       reason=reason),
               success=_("Claim approved."), back=back)


class ServiceRequestListView(PortalListView):
    model = ServiceRequest
    queryset = ServiceRequest.objects.select_related("unit", "customer", "dealer")
    filterset_fields = ["status"]
    template_name = "frontend/service/request_list.html"
