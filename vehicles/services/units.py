"""Units: registration, the factory-to-customer journey, sharing with other bays, and history.

Orders call `unit_ship`, `unit_receive`, `unit_hand_over` and `unit_record_event`; after a unit is
registered its state, holder and owner change only through these functions.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from core.db import unique_or_invalid
from core.errors import InvalidTransition, NotPermitted
from dealers.choices import SERVICE_ROLES
from dealers.customers import customer_refresh_segment
from dealers.roles import NETWORK_EDITORS
from vehicles.choices import UnitEventKind, UnitKind, UnitStatus
from vehicles.models import Unit, UnitEvent
from vehicles.vin import normalise_serial, validate_vin


def _lock(unit: Unit) -> Unit:
    return Unit.objects.select_for_update().get(pk=unit.pk)


def _ref(obj: models.Model | None) -> dict:
    if obj is None:
        return {}
    return {"ref_type": obj._meta.label_lower, "ref_id": obj.pk}


def unit_record_event(*, unit: Unit, by, kind: str, summary: str, ref: models.Model | None = None,
                      from_status: str = "", to_status: str = "") -> UnitEvent:
    """Write one line of the unit's history (orders call this for allocations and releases)."""
    return UnitEvent.objects.create(unit=unit, actor=by, kind=kind, summary=summary[:300], from_status=from_status,
                                    to_status=to_status, **_ref(ref))


def warranty_end_for(start, months: int):
    """A warranty of N months ends the day before the same date N months later; when that month is
    too short for the date (31 January + 1 month), it ends on that month's last day."""
    anniversary = start + relativedelta(months=months)
    if anniversary.day < start.day:
        return anniversary
    return anniversary - timedelta(days=1)


# --- registration ---------------------------------------------------------------------------------

def clean_serial(kind: str, serial: str) -> str:
    serial = normalise_serial(serial)
    if kind == UnitKind.VEHICLE:
        try:
            return validate_vin(serial)
        except ValidationError as exc:
            raise ValidationError({"serial": exc.messages}) from exc
    if not serial:
        raise ValidationError({"serial": [_("Enter the serial number.")]})
    return serial


@transaction.atomic
def unit_register(*, by, serial: str, kind: str, model=None, make: str = "", description: str = "", parent=None,
                  status: str = UnitStatus.PLANNED, dealer=None, owner=None, selling_dealer=None, built_on=None,
                  delivered_on=None, warranty_start=None, warranty_end=None) -> Unit:
    """HQ registers any unit in any state (taking over existing inventory). A dealer's service staff
    register only a customer's third-party asset, which their dealer then looks after."""
    if by.role_at_hq not in NETWORK_EDITORS:
        membership = by.dealer_membership
        if kind != UnitKind.THIRD_PARTY or membership is None or membership.role not in SERVICE_ROLES:
            raise NotPermitted(_("Only HQ registers units; service staff may register a customer's third-party "
                                 "asset."))
        dealer, selling_dealer, status = membership.dealer, None, UnitStatus.SOLD
        if owner is None:
            raise ValidationError({"owner": [_("Say whose asset this is.")]})
    serial = clean_serial(kind, serial)
    errors = {}
    if kind == UnitKind.THIRD_PARTY:
        if model is not None:
            errors["model"] = [_("A third-party asset has no catalogue model; give its make instead.")]
        if not make.strip():
            errors["make"] = [_("Say who made this third-party asset.")]
    elif kind == UnitKind.COMPONENT:
        if parent is None:
            errors["parent"] = [_("A component belongs to a unit: give its parent.")]
    elif model is None:
        errors["model"] = [_("Choose the catalogue model.")]
    elif model.kind != kind:
        errors["kind"] = [_("%(model)s is a %(kind)s model.") % {"model": model.code, "kind": model.kind}]
    if status == UnitStatus.SOLD and owner is None and kind != UnitKind.COMPONENT:
        errors["owner"] = [_("A sold unit has an owner.")]
    if errors:
        raise ValidationError(errors)
    if status == UnitStatus.SOLD and delivered_on and warranty_start is None and model is not None:
        warranty_start = delivered_on
        warranty_end = warranty_end or warranty_end_for(delivered_on, model.warranty_months)
    unit = Unit(serial=serial, kind=kind, model=model, make=make, description=description, parent=parent,
                status=status, dealer=dealer, owner=owner, selling_dealer=selling_dealer, built_on=built_on,
                delivered_on=delivered_on, warranty_start=warranty_start, warranty_end=warranty_end)
    unit.full_clean(exclude=["serial", "parent"], validate_unique=False, validate_constraints=False)
    if Unit.objects.filter(serial=serial).exists():
        raise ValidationError({"serial": [_("A unit with serial %(serial)s is already registered.")
                                          % {"serial": serial}]})
    if unit.warranty_start and unit.warranty_end and unit.warranty_start > unit.warranty_end:
        raise ValidationError({"warranty_end": [_("The warranty cannot end before it starts.")]})
    with unique_or_invalid("serial", _("A unit with serial %(serial)s is already registered.") % {"serial": serial}):
        unit.save()
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.REGISTERED, to_status=status,
                      summary=_("Registered as %(status)s.") % {"status": unit.get_status_display()})
    if owner is not None:
        customer_refresh_segment(owner)
    return unit


# --- the journey ---------------------------------------------------------------------------------

def _advance(unit: Unit, by, target: str, reason: str, ref, extra_fields=()) -> None:
    Unit.WORKFLOW.advance(unit, target, by=by, extra_fields=extra_fields,
                          record=lambda **kw: unit_record_event(unit=unit, by=by, kind=UnitEventKind.STATUS,
                                                                from_status=kw["from_status"], to_status=target,
                                                                summary=reason or f"→ {target}", ref=ref))


@transaction.atomic
def unit_advance(*, by, unit: Unit, to_status: str, reason: str = "") -> Unit:
    """HQ moves a factory unit along: built, scrapped (other steps come with orders)."""
    if by.role_at_hq not in NETWORK_EDITORS:
        raise NotPermitted(_("Only HQ changes a unit's state directly."))
    unit = _lock(unit)
    fields = []
    if to_status == UnitStatus.BUILT and unit.built_on is None:
        unit.built_on = timezone.localdate()
        fields.append("built_on")
    _advance(unit, by, to_status, reason, None, fields)
    return unit


@transaction.atomic
def unit_ship(*, by, unit: Unit, to_dealer, ref=None) -> Unit:
    """The factory ships a unit to a dealer (a planned unit is built first)."""
    unit = _lock(unit)
    if unit.status == UnitStatus.PLANNED:
        unit_advance(by=by, unit=unit, to_status=UnitStatus.BUILT, reason=_("Built."))
        unit.refresh_from_db()
    _advance(unit, by, UnitStatus.IN_TRANSIT, _("Shipped to %(dealer)s.") % {"dealer": to_dealer.code}, ref)
    return unit


@transaction.atomic
def unit_receive(*, by, unit: Unit, dealer, ref=None) -> Unit:
    """The dealer takes the unit into stock: it now holds it."""
    unit = _lock(unit)
    unit.dealer = dealer
    _advance(unit, by, UnitStatus.DEALER_STOCK, _("Received into stock at %(dealer)s.") % {"dealer": dealer.code},
             ref, ["dealer"])
    return unit


@transaction.atomic
def unit_hand_over(*, by, unit: Unit, owner, delivered_on, selling_dealer, ref=None) -> Unit:
    """Handover to the buyer: sold, owned, delivered, and its warranty window starts that day.
    Its components go with it."""
    unit = _lock(unit)
    months = unit.model.warranty_months if unit.model_id else 0
    unit.owner, unit.selling_dealer, unit.delivered_on = owner, selling_dealer, delivered_on
    unit.warranty_start, unit.warranty_end = delivered_on, warranty_end_for(delivered_on, months)
    fields = ["owner", "selling_dealer", "delivered_on", "warranty_start", "warranty_end"]
    _advance(unit, by, UnitStatus.SOLD, _("Handed over to %(owner)s.") % {"owner": owner}, ref, fields)
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.OWNERSHIP, ref=ref,
                      summary=_("Owner: %(owner)s; warranty %(start)s to %(end)s.")
                      % {"owner": owner, "start": unit.warranty_start, "end": unit.warranty_end})
    Unit.objects.filter(parent=unit).update(owner=owner, selling_dealer=selling_dealer, delivered_on=delivered_on,
                                            warranty_start=unit.warranty_start, warranty_end=unit.warranty_end,
                                            status=UnitStatus.SOLD)
    customer_refresh_segment(owner)
    return unit


@transaction.atomic
def unit_take_back(*, by, unit: Unit, dealer, ref=None, reason: str = "") -> Unit:
    """A sale is rescinded: the unit goes back into the dealer's stock with no owner and no warranty."""
    unit = _lock(unit)
    previous_owner = unit.owner
    if unit.status != UnitStatus.SOLD:
        raise InvalidTransition(_("Unit %(serial)s is %(status)s, not sold.") % {"serial": unit.serial,
                                                                                "status": unit.status})
    Unit.objects.filter(pk=unit.pk).update(status=UnitStatus.DEALER_STOCK, dealer=dealer, owner=None,
                                           selling_dealer=None, delivered_on=None, warranty_start=None,
                                           warranty_end=None, updated_at=timezone.now())
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.OWNERSHIP, ref=ref, from_status=UnitStatus.SOLD,
                      to_status=UnitStatus.DEALER_STOCK,
                      summary=_("Taken back from %(owner)s: %(reason)s") % {"owner": previous_owner, "reason": reason})
    if previous_owner is not None:
        customer_refresh_segment(previous_owner)
    unit.refresh_from_db()
    return unit


# --- sharing with another dealer's service bay ---------------------------------------------------

def _may_share(user, unit: Unit) -> bool:
    return user.role_at_hq in NETWORK_EDITORS or bool(
        unit.selling_dealer_id and unit.selling_dealer_id in user.dealer_ids
        and user.dealer_membership.role in SERVICE_ROLES
    )


@transaction.atomic
def unit_share(*, by, unit: Unit, dealer) -> Unit:
    """A customer takes the unit to another dealer's bay: that dealer's service staff may see it."""
    unit = _lock(unit)
    if not _may_share(by, unit):
        raise NotPermitted(_("Only HQ or the dealer that sold the unit may share it."))
    if not dealer.has_service or not dealer.active:
        raise ValidationError({"dealer": [_("%(dealer)s has no active service bay.") % {"dealer": dealer.code}]})
    assign_perm("vehicles.view_unit", dealer.service_group, unit)
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.SHARED,
                      summary=_("Shared with %(dealer)s's service bay.") % {"dealer": dealer.code})
    return unit


@transaction.atomic
def unit_unshare(*, by, unit: Unit, dealer) -> Unit:
    unit = _lock(unit)
    if not _may_share(by, unit):
        raise NotPermitted(_("Only HQ or the dealer that sold the unit may withdraw a share."))
    remove_perm("vehicles.view_unit", dealer.service_group, unit)
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.SHARED,
                      summary=_("No longer shared with %(dealer)s.") % {"dealer": dealer.code})
    return unit
