"""Business operations on the dealer network. Each takes the acting user as `by`."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.db import unique_or_invalid
from core.errors import NotPermitted
from dealers.choices import SALES_GROUP_ROLES, SERVICE_GROUP_ROLES, DealerRole, HQRole
from dealers.models import Dealer, Membership, Region, RegionArea, User
from dealers.roles import NETWORK_EDITORS, may_manage_members, require_hq

# --- regions ----------------------------------------------------------------------------------

@transaction.atomic
def region_create(*, by: User, code: str, name: str, areas: list[dict] = ()) -> Region:
    require_hq(by, *NETWORK_EDITORS)
    with unique_or_invalid("code", _("A region with this code already exists.")):
        region = Region.objects.create(code=code, name=name)
    _set_areas(region, areas)
    return region


@transaction.atomic
def region_update(*, by: User, region: Region, areas: list[dict] | None = None, **fields) -> Region:
    require_hq(by, *NETWORK_EDITORS)
    region = Region.objects.select_for_update().get(pk=region.pk)
    for name, value in fields.items():
        setattr(region, name, value)
    with unique_or_invalid("code", _("A region with this code already exists.")):
        region.save()
    if areas is not None:
        _set_areas(region, areas)
    return region


def _set_areas(region: Region, areas) -> None:
    region.areas.all().delete()
    with unique_or_invalid("areas", _("A postal-code prefix can belong to one region only.")):
        RegionArea.objects.bulk_create(
            RegionArea(region=region, country=a["country"].upper(), postal_prefix=a["postal_prefix"])
            for a in areas
        )


# --- dealers ----------------------------------------------------------------------------------

@transaction.atomic
def dealer_create(*, by: User, product_lines=(), **fields) -> Dealer:
    require_hq(by, *NETWORK_EDITORS)
    dealer = Dealer(**fields)
    _derive_and_validate(dealer)
    with unique_or_invalid("code", _("A dealer with this code already exists.")):
        dealer.save()
    dealer.product_lines.set(product_lines)
    return dealer


@transaction.atomic
def dealer_update(*, by: User, dealer: Dealer, product_lines=None, **fields) -> Dealer:
    """Change a dealer. Deactivating (active=False) keeps every row that points at it."""
    require_hq(by, *NETWORK_EDITORS)
    dealer = Dealer.objects.select_for_update().get(pk=dealer.pk)
    for name, value in fields.items():
        setattr(dealer, name, value)
    _derive_and_validate(dealer)
    with unique_or_invalid("code", _("A dealer with this code already exists.")):
        dealer.save()
    if product_lines is not None:
        dealer.product_lines.set(product_lines)
    return dealer


def _derive_and_validate(dealer: Dealer) -> None:
    """The region follows from the location; a sub-dealer sits one level under a main dealer."""
    dealer.country = (dealer.country or "").upper()
    region = RegionArea.objects.region_for(dealer.country, dealer.postal_code)
    if region is None:
        raise ValidationError({"postal_code": [
            _("No region covers postal code %(code)s in %(country)s; HQ adds it to a region first.")
            % {"code": dealer.postal_code, "country": dealer.country}
        ]})
    dealer.region = region
    if dealer.parent_id:
        if dealer.pk and dealer.parent_id == dealer.pk:
            raise ValidationError({"parent": [_("A dealer cannot be its own parent.")]})
        parent = Dealer.objects.get(pk=dealer.parent_id)
        if parent.parent_id:
            raise ValidationError({"parent": [_("%(parent)s is itself a sub-dealer; choose a main dealer.")
                                              % {"parent": parent.code}]})
        if dealer.pk and dealer.sub_dealers.exists():
            raise ValidationError({"parent": [_("This dealer has sub-dealers, so it cannot become one.")]})
    dealer.full_clean(exclude=["code", "product_lines", "sales_group", "service_group"], validate_unique=False)


# --- people -----------------------------------------------------------------------------------

@transaction.atomic
def member_add(*, by: User, dealer: Dealer, username: str, email: str, password: str, role: str) -> Membership:
    """Create a dealer staff account with one role at `dealer`."""
    if not may_manage_members(by, dealer):
        raise NotPermitted(_("Only HQ operations or the dealer's principal may add staff."))
    if not dealer.active:
        raise ValidationError({"dealer": [_("%(dealer)s is inactive; staff cannot be added.")
                                          % {"dealer": dealer.code}]})
    if role not in DealerRole.values:
        raise ValidationError({"role": [_("Choose one of: %s.") % ", ".join(DealerRole.values)]})
    user = _new_user(username=username, email=email, password=password)
    membership = Membership.objects.create(user=user, dealer=dealer, role=role)
    sync_groups(membership)
    return membership


@transaction.atomic
def staff_create(*, by: User, username: str, email: str, password: str, hq_role: str) -> User:
    """Create an HQ staff account (only an HQ administrator may)."""
    require_hq(by, HQRole.ADMIN)
    if hq_role not in HQRole.values:
        raise ValidationError({"hq_role": [_("Choose one of: %s.") % ", ".join(HQRole.values)]})
    return _new_user(username=username, email=email, password=password, hq_role=hq_role)


def _new_user(*, username: str, email: str, password: str, **extra) -> User:
    user = User(username=username, email=email, **extra)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean(exclude=["password"], validate_unique=False)
    with unique_or_invalid("username", _("This username is taken.")):
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": [_("This username is taken.")]})
        user.save()
    return user


def sync_groups(membership: Membership) -> None:
    """Put the member in exactly the dealer groups their role belongs to."""
    dealer = membership.dealer
    wanted = set()
    if membership.role in SALES_GROUP_ROLES:
        wanted.add(dealer.sales_group)
    if membership.role in SERVICE_GROUP_ROLES:
        wanted.add(dealer.service_group)
    dealer_groups = {dealer.sales_group, dealer.service_group}
    user = membership.user
    user.groups.remove(*(dealer_groups - wanted))
    user.groups.add(*wanted)
