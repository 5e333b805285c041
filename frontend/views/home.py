from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from dealers.choices import Tier
from dealers.models import Dealer, Membership, Region
from frontend.context_processors import portal_kind


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Each kind of user lands on their own home page."""
    kind = portal_kind(request.user)
    context = {"kind": kind}
    if kind == "hq":
        context["regions"] = (
            Region.objects.visible_to(request.user)
            .annotate(
                active_dealers=Count("dealers", filter=Q(dealers__active=True)),
                inactive_dealers=Count("dealers", filter=Q(dealers__active=False)),
                **{t: Count("dealers", filter=Q(dealers__tier=t, dealers__active=True)) for t in Tier.values},
            )
            .order_by("name")
        )
        context["tiers"] = Tier.choices
    elif kind in ("sales", "service"):
        membership = request.user.dealer_membership
        context["membership"] = membership
        context["dealers"] = Dealer.objects.visible_to(request.user).select_related("region", "parent")
        context["colleagues"] = (
            Membership.objects.visible_to(request.user).filter(dealer=membership.dealer).select_related("user")
        )
    return render(request, f"frontend/home_{kind}.html", context)
