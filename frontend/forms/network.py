from django import forms
from django.utils.translation import gettext_lazy as _

from dealers.choices import DealerRole
from dealers.models import Dealer


class DealerForm(forms.ModelForm):
    """HQ edits a dealer; the region follows from the postal code (dealers.services)."""

    class Meta:
        model = Dealer
        fields = ["name", "tier", "parent", "address", "postal_code", "country", "latitude", "longitude", "phone",
                  "email", "product_lines", "has_sales", "has_service", "weekly_lead_capacity", "territory", "active"]
        widgets = {"product_lines": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Dealer.objects.filter(parent__isnull=True).exclude(pk=self.instance.pk)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, max_length=128)
    role = forms.ChoiceField(label=_("Role"), choices=DealerRole.choices)
