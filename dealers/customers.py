"""End customers: normalised contact details, duplicates found by email or phone, derived segment."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.errors import NotPermitted
from dealers.choices import SALES_ROLES, SERVICE_ROLES, CustomerKind, Segment
from dealers.models import Contact, Customer, RegionArea


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": [_("Enter a valid email address.")]}) from exc
    return email


def normalise_phone(phone: str, country: str = "CN") -> str:
    """E.164 (+8613800001234): the same number typed any way matches itself."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, (country or "CN").upper())
    except phonenumbers.NumberParseException as exc:
        raise ValidationError({"phone": [_("Enter a phone number, e.g. +86 138 0013 8000.")]}) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": [_("%(phone)s is not a valid phone number.") % {"phone": phone}]})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_duplicates(queryset, *, email: str = "", phone: str = ""):
    """Customers in `queryset` with the same (normalised) email or phone."""
    condition = Q(pk__in=[])
    if email:
        condition |= Q(email=email)
    if phone:
        condition |= Q(phone=phone)
    return queryset.filter(condition)


def _may_create(user) -> bool:
    membership = user.dealer_membership
    return user.is_hq or bool(membership and membership.role in SALES_ROLES | SERVICE_ROLES)


@transaction.atomic
def customer_create(*, by, name: str, kind: str = CustomerKind.PERSON, email: str = "", phone: str = "",
                    postal_code: str = "", country: str = "CN", contacts: list[dict] = (), latitude=None,
                    longitude=None) -> Customer:
    """HQ or dealer staff record a customer (a walk-in). A duplicate the user can already see is
    refused, pointing at it; another dealer's customer is never revealed."""
    if not _may_create(by):
        raise NotPermitted(_("Your role may not add customers."))
    email, phone = normalise_email(email), normalise_phone(phone, country)
    if not (email or phone):
        raise ValidationError({"email": [_("Give an email address or a phone number.")]})
    existing = find_duplicates(Customer.objects.visible_to(by), email=email, phone=phone).first()
    if existing:
        raise ValidationError({"email" if existing.email == email and email else "phone": [
            _("%(name)s (customer %(id)s) already has this email or phone.") % {"name": existing.name,
                                                                                "id": existing.pk}]})
    membership = by.dealer_membership
    customer = Customer.objects.create(
        kind=kind, name=name.strip(), email=email, phone=phone, postal_code=postal_code, country=country.upper(),
        latitude=latitude, longitude=longitude, region=RegionArea.objects.region_for(country, postal_code),
        created_by=by, created_by_dealer=membership.dealer if membership else None,
    )
    _set_contacts(customer, contacts)
    return customer


@transaction.atomic
def customer_update(*, by, customer: Customer, contacts: list[dict] | None = None, **fields) -> Customer:
    if not _may_create(by):
        raise NotPermitted(_("Your role may not change customers."))
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    country = fields.get("country", customer.country)
    if "email" in fields:
        fields["email"] = normalise_email(fields["email"])
    if "phone" in fields:
        fields["phone"] = normalise_phone(fields["phone"], country)
    for name, value in fields.items():
        setattr(customer, name, value)
    customer.region = RegionArea.objects.region_for(customer.country, customer.postal_code)
    customer.save()
    if contacts is not None:
        customer.contacts.all().delete()
        _set_contacts(customer, contacts)
    return customer


def _set_contacts(customer: Customer, contacts) -> None:
    if contacts and customer.kind != CustomerKind.COMPANY:
        raise ValidationError({"contacts": [_("Only a company has contacts.")]})
    Contact.objects.bulk_create(
        Contact(customer=customer, name=c["name"], role=c.get("role", "buyer"), email=normalise_email(c.get("email")),
                phone=normalise_phone(c.get("phone"), customer.country))
        for c in contacts
    )


def customer_find_or_create(*, email: str, phone: str, name: str, country: str = "CN", postal_code: str = "",
                            company: str = "", latitude=None, longitude=None, created_by=None) -> Customer:
    """For captured demand (enquiries, imports): the customer with this email or phone, or a new one.
    Inputs must already be normalised."""
    existing = find_duplicates(Customer.objects.all(), email=email, phone=phone).order_by("pk").first()
    if existing:
        return existing
    return Customer.objects.create(
        kind=CustomerKind.COMPANY if company else CustomerKind.PERSON, name=company or name, email=email,
        phone=phone, postal_code=postal_code, country=country.upper(), latitude=latitude, longitude=longitude,
        region=RegionArea.objects.region_for(country, postal_code), created_by=created_by,
    )


def segment_of(customer: Customer) -> str:
    """New buyer (one unit bought new), repeat buyer (two or more), service-only (owns only units
    bought elsewhere, or only asks for service), prospect (nothing yet). Derived, never typed."""
    bought = customer.units.filter(selling_dealer__isnull=False, kind__in=["vehicle", "equipment"])
    count = bought.count()
    if count >= 2:
        return Segment.REPEAT_BUYER
    if count == 1:
        return Segment.NEW_BUYER
    if customer.units.exists() or customer.service_requests.exists():
        return Segment.SERVICE_ONLY
    return Segment.PROSPECT


def customer_refresh_segment(customer: Customer) -> str:
    """Called by the services that change what a customer bought or owns (handover, registration)."""
    segment = segment_of(customer)
    Customer.objects.filter(pk=customer.pk).exclude(segment=segment).update(segment=segment)
    customer.segment = segment
    return segment


def customers_refresh_segments(queryset) -> int:
    """Recompute the segment of many customers at once (after bulk loads); returns how many changed."""
    from django.db.models import Count, OuterRef, Subquery

    def count_of(relation, **filters):
        model = Customer._meta.get_field(relation).related_model
        rows = (model.objects.filter(**{f"{Customer._meta.get_field(relation).field.name}": OuterRef("pk")}, **filters)
                .order_by().values(Customer._meta.get_field(relation).field.name).annotate(n=Count("pk")).values("n"))
        return Subquery(rows)

    changed = 0
    annotated = queryset.annotate(
        bought=count_of("units", selling_dealer__isnull=False, kind__in=["vehicle", "equipment"]),
        owned=count_of("units"), asked=count_of("service_requests"),
    )
    by_segment: dict[str, list[int]] = {}
    for pk, bought, owned, asked, current in annotated.values_list("pk", "bought", "owned", "asked", "segment"):
        bought, owned, asked = bought or 0, owned or 0, asked or 0
        segment = (Segment.REPEAT_BUYER if bought >= 2 else Segment.NEW_BUYER if bought == 1
                   else Segment.SERVICE_ONLY if owned or asked else Segment.PROSPECT)
        if segment != current:
            by_segment.setdefault(segment, []).append(pk)
    for segment, ids in by_segment.items():
        changed += Customer.objects.filter(pk__in=ids).update(segment=segment)
    return changed
