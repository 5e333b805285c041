from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dealers.models import Dealer, Membership
from frontend.context_processors import portal_kind
from frontend.views.dashboard import hq_dashboard
from leads.models import Lead
from orders.models import Order, Quote
from vehicles.models import RepairOrder, ServiceRequest, Unit, WarrantyClaim


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Each kind of user lands on their own home page."""
    kind = portal_kind(request.user)
    context = {"kind": kind}
    if kind == "hq":
        context.update(hq_dashboard(request.user))
    elif kind in ("sales", "service"):
        membership = request.user.dealer_membership
        context["membership"] = membership
        context["dealers"] = Dealer.objects.visible_to(request.user).select_related("region", "parent")
        context["colleagues"] = (
            Membership.objects.visible_to(request.user).filter(dealer=membership.dealer).select_related("user")
        )
        user = request.user
        context["offers"] = (Lead.objects.visible_to(user).filter(status="assigned").select_related("model", "customer")
                             .order_by("sla_due_at")[:10])
        context["open_quotes"] = Quote.objects.visible_to(user).filter(status__in=["pending_approval", "sent"]).count()
        context["open_orders"] = Order.objects.visible_to(user).exclude(
            status__in=["draft", "delivered", "cancelled", "returned"]).count()
        context["open_repairs"] = (RepairOrder.objects.visible_to(user).filter(status__in=["open", "in_progress"])
                                   .select_related("unit")[:10])
        context["waiting_claims"] = WarrantyClaim.objects.visible_to(user).filter(status="submitted").count()
        context["requests"] = ServiceRequest.objects.visible_to(user).filter(status="new").count()
    elif kind == "customer":
        customer = getattr(request.user, "customer", None)
        context["customer"] = customer
        context["units"] = Unit.objects.visible_to(request.user).select_related("model")
        context["requests"] = ServiceRequest.objects.visible_to(request.user).select_related("unit", "dealer")
        context["orders"] = Order.objects.visible_to(request.user).prefetch_related("lines__model")
    return render(request, f"frontend/home_{kind}.html", context)
