"""Units: registration rules, the journey to the customer, hierarchy and history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from dealers.choices import DealerRole
from tests.dealers.factories import CustomerFactory, staff
from tests.vehicles.factories import ProductModelFactory, UnitFactory, next_vin
from vehicles.models import Unit
from vehicles.services import units as services


@pytest.fixture
def van(db):
    return ProductModelFactory(code="l300-van", kind="vehicle", warranty_months=36)


def test_hq_registers_existing_inventory_in_any_state(hq_ops, van, dealer):
    owner = CustomerFactory()
    unit = services.unit_register(by=hq_ops, serial="  ltl1a2b34tz000001 ", kind="vehicle", model=van,
                                  status="sold", dealer=dealer, selling_dealer=dealer, owner=owner,
                                  delivered_on=date(2025, 3, 10))
    assert unit.serial == "LTL1A2B34TZ000001"
    assert (unit.warranty_start, unit.warranty_end) == (date(2025, 3, 10), date(2028, 3, 9))
    assert unit.events.get().kind == "registered"


@pytest.mark.parametrize(
    ("serial", "message"),
    [("LTL1A2B35TZ000001", "check digit"), ("LTL1A2B34TZ00001", "17 characters"), ("LTL1A2B34TZ0O0001", "I, O or Q")],
)
def test_a_mistyped_vin_is_refused_with_the_rule(hq_ops, van, serial, message):
    with pytest.raises(ValidationError) as excinfo:
        services.unit_register(by=hq_ops, serial=serial, kind="vehicle", model=van)
    assert message in excinfo.value.message_dict["serial"][0]
    assert not Unit.objects.exists()


def test_serials_are_unique_after_normalisation(hq_ops, van):
    services.unit_register(by=hq_ops, serial="LTL1A2B34TZ000001", kind="vehicle", model=van)
    with pytest.raises(ValidationError) as excinfo:
        services.unit_register(by=hq_ops, serial="ltl1a2b3 4tz0 00001", kind="vehicle", model=van)
    assert "already registered" in excinfo.value.message_dict["serial"][0]


def test_equipment_serials_are_not_vins(hq_ops):
    loader = ProductModelFactory(kind="equipment")
    unit = services.unit_register(by=hq_ops, serial="w50-2026 00017", kind="equipment", model=loader)
    assert unit.serial == "W50-202600017"


def test_components_nest_under_a_unit_and_follow_it_at_handover(hq_ops, dealer):
    excavator = UnitFactory(kind="equipment", serial="E215-0001", model__kind="equipment",
                            status="dealer_stock", dealer=dealer)
    engine = services.unit_register(by=hq_ops, serial="ENG-88412", kind="component", parent=excavator,
                                    description="Engine", status="dealer_stock", dealer=dealer)
    assert list(excavator.components.all()) == [engine]
    with pytest.raises(ValidationError) as excinfo:
        services.unit_register(by=hq_ops, serial="GBX-1", kind="component")
    assert "parent" in excinfo.value.message_dict
    owner = CustomerFactory()
    services.unit_hand_over(by=hq_ops, unit=excavator, owner=owner, delivered_on=date(2026, 5, 1),
                            selling_dealer=dealer)
    engine.refresh_from_db()
    assert (engine.owner, engine.status, engine.warranty_start) == (owner, "sold", date(2026, 5, 1))


def test_third_party_assets_have_a_make_and_no_model(dealer):
    advisor = staff(dealer, DealerRole.SERVICE)
    owner = CustomerFactory(created_by_dealer=dealer)
    unit = services.unit_register(by=advisor, serial="CAT-320-7781", kind="third_party", make="Caterpillar",
                                  owner=owner)
    assert (unit.dealer, unit.owner, unit.status) == (dealer, owner, "sold")
    with pytest.raises(ValidationError):
        services.unit_register(by=advisor, serial="X-1", kind="third_party", owner=owner)


def test_dealer_staff_cannot_register_the_manufacturers_units(dealer, van):
    with pytest.raises(NotPermitted):
        services.unit_register(by=staff(dealer, DealerRole.SERVICE), serial=next_vin(), kind="vehicle", model=van)


def test_journey_from_factory_to_customer(hq_ops, dealer, van):
    unit = UnitFactory(model=van)
    seller = staff(dealer, DealerRole.SALES)
    services.unit_ship(by=hq_ops, unit=unit, to_dealer=dealer)
    unit.refresh_from_db()
    assert unit.status == "in_transit"
    assert unit.built_on is not None
    services.unit_receive(by=seller, unit=unit, dealer=dealer)
    unit.refresh_from_db()
    assert (unit.status, unit.dealer) == ("dealer_stock", dealer)
    owner = CustomerFactory()
    services.unit_hand_over(by=seller, unit=unit, owner=owner, delivered_on=date(2026, 1, 31), selling_dealer=dealer)
    unit.refresh_from_db()
    assert (unit.status, unit.owner, unit.selling_dealer) == ("sold", owner, dealer)
    assert (unit.warranty_start, unit.warranty_end) == (date(2026, 1, 31), date(2029, 1, 30))
    kinds = list(unit.events.values_list("kind", "to_status"))
    assert kinds == [("status", "built"), ("status", "in_transit"), ("status", "dealer_stock"), ("status", "sold"),
                     ("ownership", "")]
    assert unit.events.last().actor == seller


def test_illegal_steps_name_the_current_state(hq_ops, dealer):
    unit = UnitFactory(status="sold")
    with pytest.raises(InvalidTransition) as excinfo:
        services.unit_receive(by=hq_ops, unit=unit, dealer=dealer)
    assert "is sold" in str(excinfo.value)


def test_warranty_end_handles_month_ends():
    assert services.warranty_end_for(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert services.warranty_end_for(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert services.warranty_end_for(date(2026, 3, 1), 24) == date(2028, 2, 29)
    assert services.warranty_end_for(date(2026, 1, 31), 36) == date(2029, 1, 30)
