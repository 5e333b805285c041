"""Demo catalogue: four product lines of trucks and machinery, a few dozen models with options."""

from decimal import Decimal

from dealers.models import Dealer
from vehicles import demo_fleet
from vehicles.choices import ModelKind
from vehicles.models import Option, ProductLine, ProductModel

LINES = {
    "light-trucks": "Light trucks",
    "heavy-trucks": "Heavy trucks",
    "construction": "Construction equipment",
    "agri": "Agricultural machinery",
}
V, E = ModelKind.VEHICLE, ModelKind.EQUIPMENT
# code, name, line, kind, list price (CNY), warranty months
MODELS = [
    ("l300-van", "Tianlong L300 panel van", "light-trucks", V, "168000", 36),
    ("l500-pickup", "Tianlong L500 double-cab pickup", "light-trucks", V, "139800", 36),
    ("l700-box", "Tianlong L700 3.5 t box truck", "light-trucks", V, "189000", 36),
    ("l700e-box", "Tianlong L700e electric box truck", "light-trucks", V, "259000", 60),
    ("l900-flatbed", "Tianlong L900 4.5 t flatbed", "light-trucks", V, "229000", 36),
    ("l900-crew", "Tianlong L900 crew cab", "light-trucks", V, "239000", 36),
    ("h5-dump", "Tianlong H5 6x4 dump truck", "heavy-trucks", V, "455000", 24),
    ("h5-mixer", "Tianlong H5 concrete mixer", "heavy-trucks", V, "488000", 24),
    ("h6-tractor-4x2", "Tianlong H6 4x2 tractor", "heavy-trucks", V, "468000", 24),
    ("h6-tractor-6x4", "Tianlong H6 6x4 tractor", "heavy-trucks", V, "528000", 24),
    ("h8-tractor", "Tianlong H8 6x4 long-haul tractor", "heavy-trucks", V, "598000", 24),
    ("h8-lng", "Tianlong H8 LNG tractor", "heavy-trucks", V, "648000", 24),
    ("e60", "Tianlong E60 mini excavator", "construction", E, "325000", 12),
    ("e135", "Tianlong E135 excavator", "construction", E, "688000", 24),
    ("e215", "Tianlong E215 excavator", "construction", E, "1058000", 24),
    ("e365", "Tianlong E365 large excavator", "construction", E, "1998000", 24),
    ("w30", "Tianlong W30 compact wheel loader", "construction", E, "398000", 12),
    ("w50", "Tianlong W50 wheel loader", "construction", E, "568000", 24),
    ("g165", "Tianlong G165 motor grader", "construction", E, "1150000", 24),
    ("r22", "Tianlong R22 road roller", "construction", E, "432000", 12),
    ("t504", "Tianlong T504 50 hp tractor", "agri", E, "128000", 24),
    ("t904", "Tianlong T904 90 hp tractor", "agri", E, "238000", 24),
    ("t1304", "Tianlong T1304 130 hp tractor", "agri", E, "356000", 24),
    ("c8-combine", "Tianlong C8 combine harvester", "agri", E, "668000", 12),
    ("p6-transplanter", "Tianlong P6 rice transplanter", "agri", E, "89800", 12),
]
# code, name, model code (None: every model), price
OPTIONS = [
    ("metallic-paint", "Metallic paint", None, "3500"),
    ("telematics", "Telematics unit, 3 years of data", None, "4800"),
    ("tow-hitch", "Tow hitch", "l500-pickup", "2600"),
    ("rear-camera", "Reversing camera", "l300-van", "1800"),
    ("tail-lift", "Hydraulic tail lift", "l700-box", "16500"),
    ("retarder", "Hydraulic retarder", "h8-tractor", "28000"),
    ("sleeper-ac", "Parking air conditioner", "h8-tractor", "9800"),
    ("hammer-line", "Hydraulic hammer line", "e215", "18000"),
    ("quick-coupler", "Quick coupler", "e135", "12500"),
    ("long-reach", "Long-reach boom and arm", "e365", "86000"),
    ("front-loader", "Front loader", "t904", "26000"),
    ("cab-ac", "Air-conditioned cab", "t1304", "15000"),
]
# Which lines a dealer sells, by tier: platinum and gold sell everything.
LINES_BY_TIER = {
    "platinum": list(LINES),
    "gold": list(LINES),
    "silver": ["light-trucks", "heavy-trucks", "construction"],
    "bronze": ["light-trucks", "agri"],
}


def seed(out, *, password: str) -> list:
    lines = {code: ProductLine.objects.update_or_create(code=code, defaults={"name": name})[0]
             for code, name in LINES.items()}
    models = {}
    for code, name, line, kind, price, months in MODELS:
        models[code], _ = ProductModel.objects.update_or_create(
            code=code,
            defaults={"name": name, "product_line": lines[line], "kind": kind, "list_price": Decimal(price),
                      "currency": "CNY", "warranty_months": months},
        )
    for code, name, model, price in OPTIONS:
        Option.objects.update_or_create(
            code=code, model=models.get(model), defaults={"name": name, "price": Decimal(price), "currency": "CNY"}
        )
    for dealer in Dealer.objects.all():
        dealer.product_lines.set([lines[c] for c in LINES_BY_TIER[dealer.tier]])
    out.write(f"  {ProductLine.objects.count()} product lines, {ProductModel.objects.count()} models, "
              f"{Option.objects.count()} options\n")
    return demo_fleet.seed(out, password=password)
