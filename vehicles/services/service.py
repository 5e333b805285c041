"""The service bay: contracts, service requests, repair orders with coverage, warranty claims."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition, NotPermitted
from core.money import ZERO, quantize
from dealers.choices import SERVICE_ROLES
from dealers.roles import NETWORK_EDITORS, require_hq
from vehicles.choices import (
    ClaimStatus,
    CoveredBy,
    RepairStatus,
    ServiceRequestStatus,
    UnitEventKind,
)
from vehicles.models import RepairLine, RepairOrder, ServiceContract, ServiceRequest, Unit, WarrantyClaim
from vehicles.services.units import unit_record_event

CLAIM_DECIDERS = ("hq_admin", "hq_ops")


def require_service_staff(user, dealer_id: int | None = None):
    """The user works in a dealer's service bay (and, when given, at that dealer). Returns the
    membership."""
    membership = user.dealer_membership
    if membership is None or membership.role not in SERVICE_ROLES or (
        dealer_id is not None and dealer_id not in user.dealer_ids
    ):
        raise NotPermitted(_("Only the dealer's service staff may do this."))
    return membership


# --- contracts -----------------------------------------------------------------------------------

@transaction.atomic
def contract_create(*, by, unit: Unit, kind: str, starts_on, ends_on, covers: str, response_hours: int = 48):
    """HQ, or the dealer holding or having sold the unit, records a service contract."""
    if by.role_at_hq not in NETWORK_EDITORS:
        membership = by.dealer_membership
        if membership is None or not ({unit.dealer_id, unit.selling_dealer_id} & set(by.dealer_ids)):
            raise NotPermitted(_("Only HQ or the unit's dealer may add a contract."))
    if starts_on > ends_on:
        raise ValidationError({"ends_on": [_("A contract cannot end before it starts.")]})
    dealer = by.dealer_membership.dealer if by.dealer_membership else None
    contract = ServiceContract.objects.create(unit=unit, dealer=dealer, kind=kind, starts_on=starts_on,
                                              ends_on=ends_on, covers=covers, response_hours=response_hours,
                                              created_by=by)
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.CONTRACT, ref=contract,
                      summary=_("%(kind)s from %(start)s to %(end)s (%(covers)s).")
                      % {"kind": contract.get_kind_display(), "start": starts_on, "end": ends_on,
                         "covers": contract.get_covers_display()})
    return contract


def contracts_in_force(unit: Unit, day):
    return ServiceContract.objects.filter(unit=unit, starts_on__lte=day, ends_on__gte=day)


# --- service requests ------------------------------------------------------------------------------

@transaction.atomic
def service_request_create(*, by, unit: Unit, description: str, preferred_date=None, dealer=None) -> ServiceRequest:
    """A customer asks for service on a unit they own (at the dealer that sold it, or one they
    choose), or a service advisor books one at their own dealer."""
    customer = getattr(by, "customer", None) if not by.is_hq and not by.dealer_membership else None
    if customer is not None:
        if unit.owner_id != customer.pk:
            raise NotPermitted(_("You may ask for service on your own units only."))
        dealer = dealer or unit.selling_dealer or unit.dealer
    else:
        membership = require_service_staff(by)
        dealer = membership.dealer
    if dealer is None or not dealer.has_service:
        raise ValidationError({"dealer": [_("Choose a dealer with a service bay.")]})
    if preferred_date and preferred_date < timezone.localdate():
        raise ValidationError({"preferred_date": [_("Choose a date from today on.")]})
    request = ServiceRequest.objects.create(unit=unit, customer=unit.owner, dealer=dealer, description=description,
                                            preferred_date=preferred_date, created_by=by)
    unit_record_event(unit=unit, by=by, kind=UnitEventKind.SERVICE_REQUEST, ref=request,
                      summary=_("Service requested at %(dealer)s: %(text)s") % {"dealer": dealer.code,
                                                                                "text": description[:120]})
    return request


@transaction.atomic
def service_request_advance(*, by, request: ServiceRequest, to_status: str, scheduled_for=None,
                            reason: str = "") -> ServiceRequest:
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if to_status == ServiceRequestStatus.CANCELLED and getattr(by, "customer", None) \
            and request.customer_id == by.customer.pk:
        pass  # the customer may withdraw their own request
    else:
        require_service_staff(by, request.dealer_id)
    fields = []
    if to_status == ServiceRequestStatus.SCHEDULED:
        if scheduled_for is None:
            raise ValidationError({"scheduled_for": [_("Say when the unit is booked in.")]})
        request.scheduled_for = scheduled_for
        fields.append("scheduled_for")
    ServiceRequest.WORKFLOW.advance(request, to_status, by=by, reason=reason, extra_fields=fields)
    return request


# --- repair orders -------------------------------------------------------------------------------

def coverage_for(unit: Unit, failure_date, line_kind: str) -> str:
    """Who pays for a line: the warranty if the failure date is inside the unit's warranty window,
    else a service contract in force that day covering this kind of line, else the customer."""
    if unit.in_warranty_on(failure_date):
        return CoveredBy.WARRANTY
    if any(c.covers_kind(line_kind) for c in contracts_in_force(unit, failure_date)):
        return CoveredBy.CONTRACT
    return CoveredBy.CUSTOMER


def _check_reading(unit: Unit, reading: Decimal) -> None:
    last = RepairOrder.objects.filter(unit=unit).aggregate(m=Max("odometer_or_hours"))["m"]
    last = max(x for x in (last, unit.last_reading, Decimal(0)) if x is not None)
    if reading < last:
        raise ValidationError({"odometer_or_hours": [
            _("The last reading for this unit was %(last)s; a reading cannot go back.") % {"last": last}
        ]})


@transaction.atomic
def repair_order_open(*, by, unit: Unit, complaint: str, failure_date, odometer_or_hours: Decimal,
                      lines: list[dict] = (), service_request: ServiceRequest | None = None) -> RepairOrder:
    membership = require_service_staff(by)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if failure_date > timezone.localdate():
        raise ValidationError({"failure_date": [_("The failure date cannot be in the future.")]})
    _check_reading(unit, odometer_or_hours)
    currency = unit.model.currency if unit.model_id else "CNY"
    repair = RepairOrder.objects.create(unit=unit, dealer=membership.dealer, complaint=complaint,
                                        failure_date=failure_date, odometer_or_hours=odometer_or_hours,
                                        currency=currency, opened_by=by, service_request=service_request)
    unit.last_reading = odometer_or_hours
    unit.save(update_fields=["last_reading", "updated_at"])
    for line in lines:
        _add_line(repair, **line)
    _retotal(repair)
    repair.record_event(by=by, from_status="", to_status=RepairStatus.OPEN, reason=complaint[:120])
    return repair


def _add_line(repair: RepairOrder, *, kind: str, description: str, quantity: Decimal, unit_price: Decimal,
              covered_by: str | None = None, part_number: str = "") -> RepairLine:
    eligible = coverage_for(repair.unit, repair.failure_date, kind)
    if covered_by is None:
        covered_by = eligible
    elif covered_by != CoveredBy.CUSTOMER and covered_by != eligible:
        raise ValidationError({"covered_by": [
            _("This line cannot be covered by %(asked)s: on %(day)s the unit is covered by %(eligible)s.")
            % {"asked": covered_by, "day": repair.failure_date, "eligible": eligible}
        ]})
    amount = quantize(Decimal(quantity) * Decimal(unit_price), repair.currency)
    return RepairLine.objects.create(repair_order=repair, kind=kind, description=description, quantity=quantity,
                                     unit_price=unit_price, amount=amount, covered_by=covered_by,
                                     part_number=part_number)


def _retotal(repair: RepairOrder) -> None:
    repair.total = sum((line.amount for line in repair.lines.all()), ZERO)
    repair.save(update_fields=["total", "updated_at"])


@transaction.atomic
def repair_order_add_line(*, by, repair: RepairOrder, **line) -> RepairLine:
    repair = RepairOrder.objects.select_for_update().select_related("unit").get(pk=repair.pk)
    require_service_staff(by, repair.dealer_id)
    if repair.status not in (RepairStatus.OPEN, RepairStatus.IN_PROGRESS):
        raise InvalidTransition(_("This repair order is %(status)s; lines can no longer be added.")
                                % {"status": repair.status})
    created = _add_line(repair, **line)
    _retotal(repair)
    return created


@transaction.atomic
def repair_order_advance(*, by, repair: RepairOrder, to_status: str) -> RepairOrder:
    repair = RepairOrder.objects.select_for_update().get(pk=repair.pk)
    require_service_staff(by, repair.dealer_id)
    RepairOrder.WORKFLOW.check(repair, to_status)
    fields = []
    if to_status == RepairStatus.COMPLETED:
        if not repair.lines.exists():
            raise ValidationError(_("Add the labour and parts before completing the repair."))
        repair.completed_at = timezone.now()
        fields.append("completed_at")
    RepairOrder.WORKFLOW.advance(repair, to_status, by=by, extra_fields=fields)
    return repair


# --- warranty claims -------------------------------------------------------------------------------

@transaction.atomic
def claim_create(*, by, repair: RepairOrder) -> WarrantyClaim:
    """A draft claim for a repair order's warranty lines (one claim per repair order)."""
    repair = RepairOrder.objects.select_for_update().select_related("unit").get(pk=repair.pk)
    require_service_staff(by, repair.dealer_id)
    if repair.status not in (RepairStatus.COMPLETED, RepairStatus.CLOSED):
        raise InvalidTransition(_("This repair order is %(status)s; claim once the repair is completed.")
                                % {"status": repair.status})
    if hasattr(repair, "claim"):
        raise InvalidTransition(_("Repair order %(ro)s already has claim %(claim)s.")
                                % {"ro": repair.reference, "claim": repair.claim.reference})
    amount = sum((line.amount for line in repair.lines.filter(covered_by=CoveredBy.WARRANTY)), ZERO)
    if amount == ZERO:
        raise ValidationError(_("No line of this repair order is covered by the warranty."))
    claim = WarrantyClaim.objects.create(repair_order=repair, dealer=repair.dealer, unit=repair.unit,
                                         currency=repair.currency, amount_claimed=amount, created_by=by)
    claim.record_event(by=by, from_status="", to_status=ClaimStatus.DRAFT,
                       reason=_("Claiming %(amount)s %(currency)s.") % {"amount": amount, "currency": claim.currency})
    return claim


def _lock_claim(claim: WarrantyClaim) -> WarrantyClaim:
    return WarrantyClaim.objects.select_for_update().select_related("unit", "repair_order").get(pk=claim.pk)


@transaction.atomic
def claim_submit(*, by, claim: WarrantyClaim) -> WarrantyClaim:
    """Refused when the unit was outside its warranty on the failure date, saying why."""
    claim = _lock_claim(claim)
    require_service_staff(by, claim.dealer_id)
    failure = claim.repair_order.failure_date
    unit = claim.unit
    if not unit.in_warranty_on(failure):
        if unit.warranty_start is None:
            why = _("Unit %(serial)s has no warranty: it was never handed over to a customer.") % {
                "serial": unit.serial}
        else:
            why = _("Unit %(serial)s was out of warranty on %(day)s: its warranty ran from %(start)s to %(end)s.") % {
                "serial": unit.serial, "day": failure, "start": unit.warranty_start, "end": unit.warranty_end}
        raise ValidationError(why, code="out_of_warranty")
    claim.submitted_at = timezone.now()
    WarrantyClaim.WORKFLOW.advance(claim, ClaimStatus.SUBMITTED, by=by, action=_("be submitted"),
                                   extra_fields=["submitted_at"])
    return claim


@transaction.atomic
def claim_approve(*, by, claim: WarrantyClaim, amount_approved: Decimal, reason: str = "") -> WarrantyClaim:
    """HQ approves the whole amount, or part of it (partially_approved); never more than claimed."""
    require_hq(by, *CLAIM_DECIDERS)
    claim = _lock_claim(claim)
    amount_approved = quantize(amount_approved, claim.currency)
    if amount_approved <= ZERO or amount_approved > claim.amount_claimed:
        raise ValidationError({"amount_approved": [
            _("Approve more than 0 and at most the %(claimed)s claimed; to pay nothing, reject the claim.")
            % {"claimed": claim.amount_claimed}]})
    target = ClaimStatus.APPROVED if amount_approved == claim.amount_claimed else ClaimStatus.PARTIALLY_APPROVED
    if target == ClaimStatus.PARTIALLY_APPROVED and not reason.strip():
        raise ValidationError({"reason": [_("Say why only part of the claim is approved.")]})
    claim.amount_approved, claim.decision_reason = amount_approved, reason
    claim.decided_at, claim.decided_by = timezone.now(), by
    WarrantyClaim.WORKFLOW.advance(
        claim, target, by=by, action=_("be approved"),
        reason=reason or _("Approved %(amount)s.") % {"amount": amount_approved},
        extra_fields=["amount_approved", "decision_reason", "decided_at", "decided_by"],
    )
    return claim


@transaction.atomic
def claim_reject(*, by, claim: WarrantyClaim, reason: str) -> WarrantyClaim:
    require_hq(by, *CLAIM_DECIDERS)
    claim = _lock_claim(claim)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the claim is rejected.")]})
    claim.amount_approved, claim.decision_reason = ZERO, reason
    claim.decided_at, claim.decided_by = timezone.now(), by
    WarrantyClaim.WORKFLOW.advance(claim, ClaimStatus.REJECTED, by=by, action=_("be rejected"), reason=reason,
                                   extra_fields=["amount_approved", "decision_reason", "decided_at", "decided_by"])
    return claim


@transaction.atomic
def claim_mark_settled(*, by, claim: WarrantyClaim) -> WarrantyClaim:
    """Settlements call this when the reimbursement is on a statement."""
    claim = _lock_claim(claim)
    WarrantyClaim.WORKFLOW.advance(claim, ClaimStatus.SETTLED, by=by, action=_("be settled"))
    return claim


def claims_mark_settled(*, by, claims) -> int:
    """Settlements, in bulk: approved claims (a queryset) whose reimbursement is on a statement become
    settled, each with its event in the claim's and the unit's history. Set-based: three statements
    whatever the number of claims."""
    from django.db.models import CharField, F, IntegerField, Value
    from django.db.models.functions import Concat

    from core.sql import insert_from
    from vehicles.models import UnitEvent, WarrantyClaimEvent

    now, actor = timezone.now(), Value(by.pk if by else None, output_field=IntegerField())
    claims = claims.filter(status__in=[ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED])
    insert_from(WarrantyClaimEvent, ["claim", "actor", "at", "from_status", "to_status", "reason"], claims.annotate(
        e_claim=F("pk"), e_actor=actor, e_at=Value(now), e_from=F("status"),
        e_to=Value(ClaimStatus.SETTLED, output_field=CharField()),
        e_reason=Value(_("Reimbursement on the dealer's statement."), output_field=CharField()),
    ).values_list("e_claim", "e_actor", "e_at", "e_from", "e_to", "e_reason"))
    insert_from(UnitEvent, ["unit", "actor", "at", "kind", "from_status", "to_status", "summary", "ref_type",
                            "ref_id"], claims.annotate(
        e_unit=F("unit_id"), e_actor=actor, e_at=Value(now), e_kind=Value("claim", output_field=CharField()),
        e_from=F("status"), e_to=Value(ClaimStatus.SETTLED, output_field=CharField()),
        e_summary=Concat(Value("WC-"), Cast(F("pk"), CharField()), Value(": settled"), output_field=CharField()),
        e_ref_type=Value("vehicles.warrantyclaim", output_field=CharField()), e_ref=F("pk"),
    ).values_list("e_unit", "e_actor", "e_at", "e_kind", "e_from", "e_to", "e_summary", "e_ref_type", "e_ref"))
    return claims.update(status=ClaimStatus.SETTLED, updated_at=now)
