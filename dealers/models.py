"""The parties: HQ and dealer staff, regions, dealers and their staff, end customers."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from dealers import reach
from dealers.choices import ContactRole, CustomerKind, DealerRole, HQRole, Segment, Tier


class User(AbstractUser):
    """Anyone who signs in: HQ staff (an hq_role), dealer staff (a membership), or a customer."""

    hq_role = models.CharField(_("HQ role"), max_length=20, choices=HQRole.choices, blank=True)

    @property
    def role_at_hq(self) -> str | None:
        """The HQ role this user acts with; a superuser acts as hq_admin (API.md)."""
        if not self.is_active:
            return None
        if self.is_superuser:
            return HQRole.ADMIN
        return self.hq_role or None

    @property
    def is_hq(self) -> bool:
        return self.role_at_hq is not None

    @cached_property
    def dealer_membership(self) -> "Membership | None":
        if not self.pk or not self.is_active:
            return None
        return Membership.objects.select_related("dealer").filter(user=self).first()

    @cached_property
    def dealer_ids(self) -> list[int]:
        """The dealers whose data this staff member works on: their own and its sub-dealers."""
        membership = self.dealer_membership
        if membership is None:
            return []
        children = Dealer.objects.filter(parent_id=membership.dealer_id).values_list("pk", flat=True)
        return [membership.dealer_id, *children]

    def has_dealer_role(self, dealer_id: int, roles) -> bool:
        membership = self.dealer_membership
        return bool(membership and membership.dealer_id == dealer_id and membership.role in roles)


class RegionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Regions are reference data: everyone signed in reads them."""
        return self if user.is_authenticated else self.none()


class Region(TimeStampedModel):
    """A sales region. Dealers and customers fall into one by their country and postal code."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100)

    objects = RegionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class RegionAreaQuerySet(models.QuerySet):
    def region_for(self, country: str, postal_code: str) -> Region | None:
        """The region whose longest postal-code prefix matches; None when no region covers it."""
        postal_code = (postal_code or "").replace(" ", "").upper()
        prefixes = [postal_code[:n] for n in range(len(postal_code), 0, -1)]
        if not prefixes:
            return None
        area = (
            self.filter(country=country.upper(), postal_prefix__in=prefixes)
            .select_related("region")
            .order_by(models.functions.Length("postal_prefix").desc())
            .first()
        )
        return area.region if area else None


class RegionArea(models.Model):
    """A postal-code prefix of a country that belongs to a region (e.g. CN 20 → East China)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="areas")
    country = models.CharField(max_length=2)
    postal_prefix = models.CharField(max_length=10)

    objects = RegionAreaQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "postal_prefix"], name="region_area_unique_prefix")
        ]

    def __str__(self):
        return f"{self.country} {self.postal_prefix}*"


class DealerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ sees every dealer; dealer staff their own dealer and its sub-dealers; others none."""
        if not user.is_authenticated:
            return self.none()
        if user.is_hq:
            return self
        return self.filter(pk__in=user.dealer_ids)

    def active(self):
        return self.filter(active=True)


class Dealer(TimeStampedModel):
    code = models.SlugField(max_length=20, unique=True, help_text=_("The network's code for the dealer."))
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="dealers")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_dealers",
        help_text=_("The dealer a sub-dealer sells under."),
    )
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.BRONZE)
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    address = models.CharField(max_length=300, blank=True)
    postal_code = models.CharField(max_length=12)
    country = models.CharField(max_length=2, default="CN")
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    product_lines = models.ManyToManyField("vehicles.ProductLine", blank=True, related_name="dealers")
    has_sales = models.BooleanField(default=True)
    has_service = models.BooleanField(default=True)
    weekly_lead_capacity = models.PositiveIntegerField(default=20)
    territory = models.CharField(
        max_length=300, blank=True,
        help_text=_("Postal-code prefixes the dealer covers whatever the distance, separated by spaces."),
    )
    active = models.BooleanField(default=True, db_index=True)
    # Object permissions go to these groups, one row per grant (see dealers.choices).
    sales_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="sales_dealer"
    )
    service_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="service_dealer"
    )

    objects = DealerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["sales_group", "service_group"])

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="dealer_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        # Every dealer has its own sales and service groups, made with it and never shared.
        for function in ("sales", "service"):
            if getattr(self, f"{function}_group_id") is None:
                group, _created = Group.objects.get_or_create(name=f"dealer:{self.code}:{function}")
                setattr(self, f"{function}_group", group)
        super().save(*args, **kwargs)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ sees all staff lists; a principal those of their dealer and its sub-dealers."""
        if not user.is_authenticated:
            return self.none()
        if user.is_hq:
            return self
        membership = user.dealer_membership
        if membership is None or membership.role != DealerRole.PRINCIPAL:
            return self.none()
        return self.filter(dealer_id__in=user.dealer_ids)


class Membership(TimeStampedModel):
    """A dealer staff member: one dealer, one role. The role decides which dealer groups they are in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    dealer = models.ForeignKey(Dealer, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=DealerRole.choices)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["dealer", "role", "user__username"]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} at {self.dealer.code}"


class CustomerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """HQ: all. Dealer staff: customers their dealers created or reach through leads, quotes,
        orders and units (each app registers its reach in dealers.reach). A customer: themselves."""
        if not user.is_authenticated:
            return self.none()
        if user.is_hq:
            return self
        dealer_ids = user.dealer_ids
        if dealer_ids:
            condition = Q(created_by_dealer_id__in=dealer_ids)
            for customer_ids in reach.customer_ids_reached_by(dealer_ids):
                condition |= Q(pk__in=customer_ids)
            return self.filter(condition)
        return self.filter(account=user)


class Customer(TimeStampedModel):
    """An end customer: a person, or a company with contacts. Leads, quotes, orders and units
    point here. The segment is derived from what the customer ordered and owns, never typed."""

    kind = models.CharField(max_length=10, choices=CustomerKind.choices, default=CustomerKind.PERSON)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, db_index=True)
    phone = PhoneNumberField(blank=True, db_index=True)
    postal_code = models.CharField(max_length=12, blank=True)
    country = models.CharField(max_length=2, default="CN")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    segment = models.CharField(
        max_length=20, choices=Segment.choices, default=Segment.PROSPECT, editable=False,
        help_text=_("Derived from orders and units; recomputed by the services that change them."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="customer"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_dealer = models.ForeignKey(
        Dealer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CustomerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Contact(TimeStampedModel):
    """A person at a company customer, with the part they play in a purchase."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ContactRole.choices, default=ContactRole.BUYER)
    email = models.EmailField(blank=True)
    phone = PhoneNumberField(blank=True)

    class Meta:
        ordering = ["customer", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"
