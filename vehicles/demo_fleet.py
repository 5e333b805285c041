"""Demo fleet: thousands of units in every state with valid VINs or serials, components, customers'
third-party assets, contracts, repair orders and claims. Created once (a second run adds nothing)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone

from core.money import quantize
from dealers.customers import customers_refresh_segments
from dealers.demo import demo_customers
from dealers.models import Customer, Dealer, User
from vehicles.choices import ClaimStatus, CoveredBy, RepairStatus, UnitStatus
from vehicles.models import (
    ProductModel,
    RepairLine,
    RepairOrder,
    ServiceContract,
    ServiceRequest,
    Unit,
    UnitEvent,
    UnitGroupObjectPermission,
    WarrantyClaim,
)
from vehicles.services.service import coverage_for
from vehicles.services.units import warranty_end_for
from vehicles.vin import with_check_digit

YEAR_CODES = {2021: "M", 2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T"}
THIRD_PARTY_MAKES = ["Caterpillar", "Komatsu", "Sany", "XCMG", "Volvo CE", "Foton", "Sinotruk"]
COMPLAINTS = [
    ("Engine warning light on", "labour", "Read fault codes and diagnose", "part", "NOx sensor", "1580.00"),
    ("Hydraulic oil leak at the boom", "labour", "Replace cylinder seals", "part", "Seal kit", "860.00"),
    ("Brakes squeal", "labour", "Replace front pads", "part", "Brake pad set", "420.00"),
    ("Air conditioning blows warm", "labour", "Recharge and leak test", "part", "Compressor valve", "640.00"),
    ("Gearbox hard to shift", "labour", "Adjust and bleed clutch", "part", "Clutch slave cylinder", "980.00"),
    ("Annual service", "labour", "Annual inspection", "part", "Filter kit", "380.00"),
]
CUSTOMER_ACCOUNTS = [("customer.zhang", "Zhang Wei"), ("customer.li", "Li Na"), ("customer.wang", "Wang Fang")]


def _vin(model: ProductModel, year: int, number: int) -> str:
    vds = (model.code.upper().replace("-", "") + "XXXXX")[:5].replace("O", "0").replace("I", "1").replace("Q", "9")
    return with_check_digit(f"LTL{vds}0{YEAR_CODES[year]}Z{number:06d}")


def seed(out, *, password: str) -> list[tuple[str, str]]:
    logins = _customer_accounts(password)
    if Unit.objects.filter(serial__startswith="LTL").exists():
        out.write(f"  fleet already there: {Unit.objects.count()} units")
        return logins
    rng = random.Random(2026)
    today = timezone.localdate()
    models = list(ProductModel.objects.all())
    dealers = list(Dealer.objects.filter(active=True, has_sales=True).prefetch_related("product_lines"))
    customers = demo_customers(1800, rng=rng, key="fleet")
    accounts = list(Customer.objects.filter(account__username__in=[u for u, _ in CUSTOMER_ACCOUNTS]))
    units, number = [], 0

    def new_unit(model, status, dealer=None, owner=None, delivered=None, year=2025):
        nonlocal number
        number += 1
        serial = _vin(model, year, number) if model.kind == "vehicle" else f"{model.code.upper()}-{year}-{number:06d}"
        unit = Unit(serial=serial, kind=model.kind, model=model, status=status, dealer=dealer, owner=owner,
                    built_on=date(year, rng.randint(1, 12), rng.randint(1, 28)) if status != "planned" else None)
        if delivered:
            unit.selling_dealer, unit.delivered_on = dealer, delivered
            unit.warranty_start, unit.warranty_end = delivered, warranty_end_for(delivered, model.warranty_months)
        units.append(unit)
        return unit

    for dealer in dealers:
        sells = [m for m in models if m.product_line_id in {p.pk for p in dealer.product_lines.all()}] or models
        for _ in range(rng.randint(6, 12)):
            new_unit(rng.choice(sells), UnitStatus.DEALER_STOCK, dealer, year=2026)
        for _ in range(rng.randint(2, 5)):
            new_unit(rng.choice(sells), UnitStatus.IN_TRANSIT, year=2026)
        for _ in range(rng.randint(25, 45)):
            delivered = today - timedelta(days=rng.randint(5, 1400))
            owner = rng.choice(accounts) if accounts and rng.random() < 0.01 else rng.choice(customers)
            new_unit(rng.choice(sells), UnitStatus.SOLD, dealer, owner, delivered, year=max(2021, delivered.year))
    for _ in range(300):
        new_unit(rng.choice(models), rng.choice([UnitStatus.PLANNED, UnitStatus.BUILT]), year=2026)
    for _ in range(25):
        new_unit(rng.choice(models), UnitStatus.SCRAPPED, year=2021)
    for account in accounts:  # each demo customer with an account owns at least two units
        for model in rng.sample(models, 2):
            dealer = rng.choice(dealers)
            new_unit(model, UnitStatus.SOLD, dealer, account, today - timedelta(days=rng.randint(30, 500)), 2025)
    Unit.objects.bulk_create(units, batch_size=1000)
    units = list(Unit.objects.filter(serial__in=[u.serial for u in units]).select_related("model"))
    sold = [u for u in units if u.status == UnitStatus.SOLD]
    _components_and_third_party(rng, sold, dealers, customers)
    _history(units)
    _contracts_and_shares(rng, sold, dealers)
    _repairs_and_claims(rng, sold, today)
    customers_refresh_segments(Customer.objects.all())
    out.write(f"  {Unit.objects.count()} units, {ServiceContract.objects.count()} contracts, "
              f"{RepairOrder.objects.count()} repair orders, {WarrantyClaim.objects.count()} warranty claims")
    return logins


def _customer_accounts(password: str) -> list[tuple[str, str]]:
    hashed = make_password(password)
    logins = []
    for username, name in CUSTOMER_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username, defaults={"password": hashed,
                                                                          "email": f"{username}@example.cn"})
        Customer.objects.update_or_create(account=user, defaults={"name": name, "email": user.email,
                                                                  "postal_code": "200120", "country": "CN"})
        logins.append((username, f"End customer {name}: their units and service requests"))
    return logins


def _components_and_third_party(rng, sold, dealers, customers):
    parts = []
    for unit in [u for u in sold if u.model.kind == "equipment"][:150]:
        for what in ("Engine", "Hydraulic pump"):
            parts.append(Unit(serial=f"{what[:3].upper()}-{unit.serial}", kind="component", description=what,
                              parent=unit, status=UnitStatus.SOLD, dealer=unit.dealer, owner=unit.owner,
                              selling_dealer=unit.selling_dealer, delivered_on=unit.delivered_on,
                              warranty_start=unit.warranty_start, warranty_end=unit.warranty_end))
    for i in range(60):
        dealer = rng.choice(dealers)
        parts.append(Unit(serial=f"TP-{i:05d}-{rng.randint(1000, 9999)}", kind="third_party",
                          make=rng.choice(THIRD_PARTY_MAKES), status=UnitStatus.SOLD, dealer=dealer,
                          owner=rng.choice(customers)))
    Unit.objects.bulk_create(parts, batch_size=1000)


def _history(units):
    now = timezone.now()
    events = [UnitEvent(unit=u, at=now, kind="registered", to_status=u.status,
                        summary="Registered when the network moved to the portal.") for u in Unit.objects.all()]
    events += [UnitEvent(unit=u, at=timezone.make_aware(timezone.datetime.combine(u.delivered_on,
                                                                                   timezone.datetime.min.time())),
                         kind="ownership", summary=f"Handed over to {u.owner.name}; warranty {u.warranty_start} to "
                                                   f"{u.warranty_end}.")
               for u in Unit.objects.filter(status="sold", delivered_on__isnull=False).select_related("owner")]
    UnitEvent.objects.bulk_create(events, batch_size=2000)


def _contracts_and_shares(rng, sold, dealers):
    contracts = []
    for unit in rng.sample(sold, min(350, len(sold))):
        start = unit.warranty_end + timedelta(days=1)
        contracts.append(ServiceContract(unit=unit, dealer=unit.selling_dealer, kind=rng.choice(
            ["extended_warranty", "maintenance", "full_service"]), starts_on=start,
            ends_on=start + timedelta(days=rng.choice([365, 730])), covers=rng.choice(["both", "labour", "parts"]),
            response_hours=rng.choice([24, 48, 72])))
    ServiceContract.objects.bulk_create(contracts)
    view = Permission.objects.get(codename="view_unit", content_type__app_label="vehicles")
    shares = []
    for unit in rng.sample(sold, 25):
        other = rng.choice([d for d in dealers if d.pk != unit.selling_dealer_id and d.has_service])
        shares.append(UnitGroupObjectPermission(content_object=unit, group_id=other.service_group_id, permission=view))
    UnitGroupObjectPermission.objects.bulk_create(shares, ignore_conflicts=True)


def _repairs_and_claims(rng, sold, today):
    statuses = [RepairStatus.OPEN, RepairStatus.IN_PROGRESS, RepairStatus.COMPLETED, RepairStatus.CLOSED,
                RepairStatus.CLOSED, RepairStatus.CLOSED]
    repairs, lines = [], []
    chosen = [u for u in rng.sample(sold, min(900, len(sold))) if u.selling_dealer_id]
    for unit in chosen:
        failure = min(today, unit.delivered_on + timedelta(days=rng.randint(10, 900)))
        complaint, lk, ld, pk, pd, price = rng.choice(COMPLAINTS)
        repair = RepairOrder(unit=unit, dealer=unit.selling_dealer, complaint=complaint, failure_date=failure,
                             odometer_or_hours=Decimal(rng.randint(200, 90000)), status=rng.choice(statuses),
                             currency="CNY")
        repairs.append(repair)
        repair._lines = [(lk, ld, Decimal(rng.choice(["1.0", "1.5", "2.0", "3.5"])), Decimal("260.00")),
                         (pk, pd, Decimal(1), Decimal(price))]
    RepairOrder.objects.bulk_create(repairs, batch_size=1000)
    for repair in repairs:
        total = Decimal(0)
        for kind, description, quantity, unit_price in repair._lines:
            amount = quantize(quantity * unit_price)
            total += amount
            lines.append(RepairLine(repair_order=repair, kind=kind, description=description, quantity=quantity,
                                    unit_price=unit_price, amount=amount,
                                    covered_by=coverage_for(repair.unit, repair.failure_date, kind)))
        repair.total = total
    RepairLine.objects.bulk_create(lines, batch_size=2000)
    RepairOrder.objects.bulk_update(repairs, ["total"], batch_size=1000)
    claims = []
    decided = timezone.now() - timedelta(days=3)
    warranty = {}
    for line in lines:
        if line.covered_by == CoveredBy.WARRANTY:
            warranty[line.repair_order_id] = warranty.get(line.repair_order_id, Decimal(0)) + line.amount
    for repair in repairs:
        amount = warranty.get(repair.pk)
        if not amount or repair.status not in (RepairStatus.COMPLETED, RepairStatus.CLOSED):
            continue
        status = rng.choice([ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED,
                             ClaimStatus.APPROVED, ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED,
                             ClaimStatus.REJECTED])
        claim = WarrantyClaim(repair_order=repair, dealer=repair.dealer, unit=repair.unit, currency="CNY",
                              amount_claimed=amount, status=status)
        if status in (ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED, ClaimStatus.REJECTED):
            claim.decided_at = decided - timedelta(days=rng.randint(0, 120))
            claim.amount_approved = {ClaimStatus.APPROVED: amount, ClaimStatus.REJECTED: Decimal(0)}.get(
                status, quantize(amount * Decimal("0.7")))
            claim.decision_reason = {ClaimStatus.REJECTED: "Damage from misuse, not a defect",
                                     ClaimStatus.PARTIALLY_APPROVED: "Labour time above the standard"}.get(status, "")
        if status != ClaimStatus.DRAFT:
            claim.submitted_at = decided - timedelta(days=130)
        claims.append(claim)
    WarrantyClaim.objects.bulk_create(claims, batch_size=1000)
    requests = [ServiceRequest(unit=u, customer=u.owner, dealer=u.selling_dealer, description="Annual service due",
                               preferred_date=today + timedelta(days=rng.randint(3, 30)))
                for u in rng.sample(sold, 80) if u.selling_dealer_id]
    ServiceRequest.objects.bulk_create(requests)
