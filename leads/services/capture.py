"""Capturing demand: every door (the public form and API, HQ, CSV import, the admin) ends here."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.customers import customer_find_or_create, normalise_email, normalise_phone
from leads.choices import OPEN_STATUSES, LeadEventKind, LeadSource, LeadStatus
from leads.models import Lead

MERGE_WINDOW = timedelta(days=30)


@dataclass
class Enquiry:
    """One person's interest in one model, as it arrived."""

    first_name: str
    last_name: str
    email: str
    phone: str
    postal_code: str
    country: str
    model: object  # vehicles.ProductModel
    message: str = ""
    company: str = ""
    latitude: object = None
    longitude: object = None
    consent: bool = True

    def normalised(self) -> "Enquiry":
        errors = {}
        try:
            self.email = normalise_email(self.email)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            self.phone = normalise_phone(self.phone, self.country)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if not (self.email or self.phone) and not errors:
            errors["email"] = [_("Give an email address or a phone number so the dealer can reach you.")]
        if not self.consent:
            errors["consent"] = [_("We need your consent to pass your enquiry to a dealer.")]
        if not self.model.active:
            errors["model"] = [_("%(model)s is no longer sold.") % {"model": self.model.name}]
        if errors:
            raise ValidationError(errors)
        self.country = (self.country or "CN").upper()
        return self

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def find_open_duplicate(customer, model, now):
    """An open lead of the same customer for the same model from the last 30 days."""
    return (Lead.objects.filter(customer=customer, model=model, status__in=OPEN_STATUSES,
                                created_at__gte=now - MERGE_WINDOW).order_by("-created_at").first())


@transaction.atomic
def lead_capture(*, by, enquiry: Enquiry, source: str = LeadSource.WEB, route: bool = True) -> tuple[Lead, bool]:
    """A person's enquiry: find or create the customer, then create or merge the lead."""
    enquiry.normalised()
    customer = customer_find_or_create(
        email=enquiry.email, phone=enquiry.phone, name=enquiry.name, company=enquiry.company,
        country=enquiry.country, postal_code=enquiry.postal_code, latitude=enquiry.latitude,
        longitude=enquiry.longitude, created_by=by,
    )
    return lead_create(by=by, customer=customer, model=enquiry.model, source=source, postal_code=enquiry.postal_code,
                       country=enquiry.country, latitude=enquiry.latitude, longitude=enquiry.longitude,
                       message=enquiry.message, consent=enquiry.consent, route=route)


@transaction.atomic
def lead_create(*, by, customer, model, source: str, postal_code: str = "", country: str = "CN", latitude=None,
                longitude=None, message: str = "", consent: bool = True, route: bool = True) -> tuple[Lead, bool]:
    """Create a lead, or merge a repeated enquiry into the customer's open lead for the same model
    from the last 30 days (saying so in its timeline). Returns (lead, merged). A new lead is routed
    at once when a routing policy is active."""
    now = timezone.now()
    existing = find_open_duplicate(customer, model, now)
    if existing:
        existing.events.create(actor=by, kind=LeadEventKind.MERGED, from_status=existing.status,
                               to_status=existing.status, dealer_id=existing.dealer_id,
                               reason=_("Repeated enquiry (%(source)s) merged: %(message)s")
                               % {"source": source, "message": message[:500] or "-"})
        return existing, True
    lead = Lead.objects.create(
        customer=customer, model=model, source=source, postal_code=postal_code or customer.postal_code,
        country=(country or customer.country).upper(), latitude=latitude if latitude is not None else customer.latitude,
        longitude=longitude if longitude is not None else customer.longitude, message=message,
        consent_at=now if consent else None, created_by=by,
    )
    lead.record_event(by=by, from_status="", to_status=LeadStatus.NEW,
                      reason=_("Captured from %(source)s.") % {"source": lead.get_source_display()})
    if route:
        from leads.services.routing import active_policy, route_leads

        if active_policy():
            route_leads(by=by, lead_ids=[lead.pk])
            lead.refresh_from_db()
    return lead, False
