"""Leads: the dealer's inbox, a lead's page with its actions and timeline, HQ's distribution console."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dealers.choices import MANAGER_ROLES, SALES_ROLES
from dealers.models import Dealer, User
from frontend.views.base import PortalListView, act, form_errors, run_service, visible
from leads import services
from leads.choices import ContactChannel, LeadStatus
from leads.filtersets import LeadFilterSet
from leads.models import Lead, RoutingPolicy
from leads.routing import FACTORS
from leads.services.routing import ROUTERS, active_policy


class LeadListView(PortalListView):
    """The inbox for dealer staff (offers first, with their SLA countdown); every lead for HQ."""

    queryset = Lead.objects.select_related("customer", "model", "dealer", "assigned_to")
    filterset_class = LeadFilterSet
    template_name = "frontend/leads/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["may_route"] = user.role_at_hq in ROUTERS
        context["policy"] = active_policy() if user.is_hq else None
        context["new_count"] = Lead.objects.visible_to(user).filter(status=LeadStatus.NEW).count() \
            if context["may_route"] else 0
        return context


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_lazy("Channel"), choices=ContactChannel.choices)
    note = forms.CharField(label=_lazy("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


@login_required
def lead_detail(request, pk):
    lead = visible(Lead, request.user, pk)
    user = request.user
    membership = user.dealer_membership
    sellers = User.objects.none()
    if membership and membership.role in MANAGER_ROLES and lead.dealer_id:
        sellers = User.objects.filter(membership__dealer_id=lead.dealer_id, membership__role__in=SALES_ROLES,
                                      is_active=True).order_by("username")
    context = {
        "lead": lead,
        "events": lead.events.select_related("actor", "dealer"),
        "decision": lead.routing_decisions.select_related("winner").first() if user.is_hq else None,
        "may_work": bool(membership and membership.role in SALES_ROLES),
        "may_route": user.role_at_hq in ROUTERS,
        "sellers": sellers,
        "dealers": Dealer.objects.filter(active=True, has_sales=True).order_by("code") if user.is_hq else [],
        "reason_form": ReasonForm(), "contact_form": ContactForm(),
        "factors": FACTORS,
    }
    return render(request, "frontend/leads/detail.html", context)


def _lead_action(service, success, form_class=None, **fixed):
    @login_required
    def view(request, pk):
        lead = visible(Lead, request.user, pk)
        back = request.POST.get("next") or f"/leads/{lead.pk}/"
        kwargs = dict(fixed)
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                messages.error(request, form_errors(form))
                return redirect(back)
            kwargs.update(form.cleaned_data)
        return act(request, lambda: service(by=request.user, lead=lead, **kwargs), success=success, back=back)

    return view


accept = _lead_action(services.lead_accept, _lazy("Lead accepted. Contact the customer within the day."))
reject = _lead_action(services.lead_reject, _lazy("Lead rejected; it goes to the next dealer."), ReasonForm)
lose = _lead_action(services.lead_lose, _lazy("Lead closed as lost."), ReasonForm)
contact = _lead_action(services.lead_contact, _lazy("Contact logged."), ContactForm)
disqualify = _lead_action(services.lead_disqualify, _lazy("Lead disqualified."), ReasonForm)


class DelegateForm(forms.Form):
    user = forms.ModelChoiceField(label=_lazy("Salesperson"), queryset=User.objects.filter(is_active=True))


class AssignForm(forms.Form):
    dealer = forms.ModelChoiceField(label=_lazy("Dealer"), queryset=Dealer.objects.filter(active=True))


delegate = _lead_action(services.lead_delegate, _lazy("Lead given to the salesperson."), DelegateForm)
assign = _lead_action(services.lead_assign, _lazy("Lead assigned."), AssignForm)


@login_required
def route(request):
    """HQ routes the selected leads (or every new one); a big batch runs as a job with a progress bar."""
    if request.user.role_at_hq not in ROUTERS:
        raise PermissionDenied
    if request.method != "POST":
        return redirect("lead-list")
    ids = [int(i) for i in request.POST.getlist("lead") if i.isdigit()]
    if not ids or "all" in request.POST:
        ids = list(Lead.objects.visible_to(request.user).filter(status=LeadStatus.NEW).values_list("pk", flat=True))
    job = None
    if run_service(request, None, lambda: _start(request, ids), success=_("Routing %(n)s leads.") % {"n": len(ids)}):
        job = request.session.pop("routing_job", None)
    if job:
        return redirect("job-progress", pk=job)
    return redirect("lead-list")


def _start(request, ids):
    job = services.start_routing_job(by=request.user, lead_ids=ids)
    request.session["routing_job"] = job.pk


class SimulationForm(forms.ModelForm):
    class Meta:
        model = RoutingPolicy
        fields = ["weight_distance", "weight_tier", "weight_load", "weight_conversion", "weight_speed",
                  "max_distance_km"]


@login_required
def simulate(request):
    """Try another policy over recent leads and see the spread per dealer beside the current one."""
    if not request.user.is_hq:
        raise PermissionDenied
    current = active_policy()
    form = SimulationForm(request.GET or None, instance=RoutingPolicy(**{
        f: getattr(current, f) for f in SimulationForm.Meta.fields} if current else {}))
    days = int(request.GET.get("days", "30") or 30)
    result = None
    if request.GET and form.is_valid():
        from datetime import timedelta

        from django.utils import timezone

        ids = list(Lead.objects.visible_to(request.user).filter(created_at__gte=timezone.now() - timedelta(days=days))
                   .values_list("pk", flat=True)[:20000])
        data = {f: form.cleaned_data[f] for f in SimulationForm.Meta.fields}
        result = services.simulate(by=request.user, policy_data=data, lead_ids=ids)
        result["rows"] = _side_by_side(result)
    return render(request, "frontend/leads/simulate.html", {"form": form, "result": result, "days": days,
                                                             "current": current})


def _side_by_side(result) -> list[dict]:
    rows = {}
    for side in ("current", "proposed"):
        for row in (result.get(side) or {}).get("dealers", []):
            rows.setdefault(row["dealer"], {"code": row["code"], "name": row["name"], "current": 0, "proposed": 0})
            rows[row["dealer"]][side] = row["count"]
    return sorted(rows.values(), key=lambda r: -(r["proposed"] + r["current"]))
