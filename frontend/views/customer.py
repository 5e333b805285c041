"""End customers with an account: ask for service on their own units."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from frontend.views.base import run_service, visible
from vehicles.models import Unit
from vehicles.services.service import service_request_create


class ServiceRequestForm(forms.Form):
    description = forms.CharField(label=_lazy("What needs doing?"), widget=forms.Textarea(attrs={"rows": 3}))
    preferred_date = forms.DateField(label=_lazy("Preferred date"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def service_request_new(request, unit_pk):
    unit = visible(Unit, request.user, unit_pk)
    form = ServiceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and run_service(
            request, form, lambda: service_request_create(by=request.user, unit=unit, **form.cleaned_data),
            success=_("Your request was sent to the dealer.")):
        return redirect("home")
    return render(request, "frontend/customer/request_form.html", {"form": form, "unit": unit})
