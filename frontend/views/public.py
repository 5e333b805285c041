"""Pages for people without an account: order tracking and the quote link (addresses are fixed:
they go out in emails)."""

from types import SimpleNamespace

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods
from rest_framework.throttling import ScopedRateThrottle

from core.errors import DomainError
from frontend.views.base import run_service
from leads.services.capture import Enquiry, lead_capture
from orders.selectors import sent_quote, tracking_for
from orders.services import quotes as quote_services
from vehicles.models import ProductModel


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
    quote = sent_quote(token)
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


class EnquiryForm(forms.Form):
    first_name = forms.CharField(label=_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=_lazy("Last name"), max_length=100)
    email = forms.EmailField(label=_lazy("Email"), required=False)
    phone = forms.CharField(label=_lazy("Phone"), max_length=32, required=False)
    company = forms.CharField(label=_lazy("Company (if you buy for a business)"), max_length=200, required=False)
    postal_code = forms.CharField(label=_lazy("Postal code"), max_length=12)
    model = forms.ModelChoiceField(label=_lazy("Model you are interested in"), to_field_name="code",
                                   queryset=ProductModel.objects.filter(active=True).order_by("name"))
    message = forms.CharField(label=_lazy("Message"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_lazy("I agree that a dealer contacts me about this enquiry."))

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an email address or a phone number so the dealer can reach you."))
        return data


@require_http_methods(["GET", "POST"])
def enquire(request):
    """The public enquiry form: the same service as POST /api/v1/public/enquiries/, same throttle."""
    form = EnquiryForm(request.POST or None)
    if request.method == "POST":
        if throttled(request, "public"):
            return _too_many()
        made = {}
        if form.is_valid() and run_service(request, form, lambda: made.update(lead=lead_capture(
                by=None, enquiry=Enquiry(**{**form.cleaned_data, "country": "CN"}))[0]), success=""):
            return redirect("enquiry-thanks", reference=made["lead"].reference)
    return render(request, "frontend/public/enquire.html", {"form": form})


def enquiry_thanks(request, reference):
    return render(request, "frontend/public/thanks.html", {"reference": reference})
