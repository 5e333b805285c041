"""Pages for people without an account: order tracking and the quote link (addresses are fixed:
they go out in emails)."""

from types import SimpleNamespace

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.throttling import ScopedRateThrottle

from core.errors import DomainError
from orders.models import Quote
from orders.selectors import tracking_for
from orders.services import quotes as quote_services


def throttled(request, scope: str) -> bool:
    """The same per-client limits as the public API (DRF's throttle on the shared cache)."""
    return not ScopedRateThrottle().allow_request(request, SimpleNamespace(throttle_scope=scope))


def _too_many():
    return HttpResponse(_("Too many requests. Please wait a minute and try again."), status=429,
                        content_type="text/plain; charset=utf-8")


def track(request, token):
    if throttled(request, "tracking"):
        return _too_many()
    tracking = tracking_for(token)
    if tracking is None:
        raise Http404
    return render(request, "frontend/public/track.html", {"tracking": tracking})


@require_http_methods(["GET", "POST"])
def quote_link(request, token):
    """The customer reads the quote they were sent and accepts or declines it."""
    if throttled(request, "tracking"):
        return _too_many()
    quote = Quote.objects.filter(accept_token=token, versions__isnull=False).select_related("dealer").distinct().first()
    if quote is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                quote_services.quote_accept(by=None, quote=quote)
            elif request.POST.get("answer") == "decline":
                quote_services.quote_decline(by=None, quote=quote, reason=request.POST.get("reason", "")[:2000])
            return redirect("public-quote", token=token)
        except DomainError as exc:
            error = exc.message
        quote.refresh_from_db()
    sent = quote.versions.order_by("-version").first().snapshot
    return render(request, "frontend/public/quote.html", {"quote": quote, "sent": sent, "error": error})
