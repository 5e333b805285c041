"""The dealer network: HQ's list of dealers, a dealer's page, editing and staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dealers import services
from dealers.filtersets import DealerFilterSet
from dealers.models import Dealer, Membership
from dealers.roles import NETWORK_EDITORS, may_manage_members
from frontend.forms.network import DealerForm, MemberForm
from frontend.views.base import PortalDetailView, PortalListView, run_service


class DealerListView(PortalListView):
    queryset = Dealer.objects.select_related("region", "parent").order_by("region__name", "code")
    filterset_class = DealerFilterSet
    template_name = "frontend/network/dealer_list.html"


class DealerDetailView(PortalDetailView):
    queryset = Dealer.objects.select_related("region", "parent").prefetch_related("product_lines", "sub_dealers")
    template_name = "frontend/network/dealer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        dealer = self.object
        context["may_edit"] = user.role_at_hq in NETWORK_EDITORS
        context["may_manage_staff"] = may_manage_members(user, dealer)
        if context["may_manage_staff"]:
            context["members"] = (
                Membership.objects.visible_to(user).filter(dealer=dealer).select_related("user").order_by("role")
            )
        return context


@login_required
def dealer_edit(request, pk):
    dealer = get_object_or_404(Dealer.objects.visible_to(request.user), pk=pk)
    if request.user.role_at_hq not in NETWORK_EDITORS:
        raise PermissionDenied
    form = DealerForm(request.POST or None, instance=dealer)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if run_service(request, form, lambda: services.dealer_update(by=request.user, dealer=dealer, **fields),
                       success=_("Dealer saved.")):
            return redirect("dealer-detail", pk=dealer.pk)
    return render(request, "frontend/network/dealer_form.html", {"form": form, "dealer": dealer})


@login_required
def member_add(request, pk):
    dealer = get_object_or_404(Dealer.objects.visible_to(request.user), pk=pk)
    if not may_manage_members(request.user, dealer):
        raise PermissionDenied
    form = MemberForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(request, form, lambda: services.member_add(by=request.user, dealer=dealer, **form.cleaned_data),
                        success=_("Staff account created."))
    ):
        return redirect("dealer-detail", pk=dealer.pk)
    return render(request, "frontend/network/member_form.html", {"form": form, "dealer": dealer})
