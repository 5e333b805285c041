"""Who sees which unit, sharing with another dealer's bay, and the unit's history."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from dealers.choices import DealerRole
from dealers.models import User
from tests.dealers.factories import CustomerFactory, DealerFactory, UserFactory, staff
from tests.vehicles.factories import ProductModelFactory, UnitFactory, next_vin, sold_unit
from vehicles.models import Unit


@pytest.fixture
def units(dealer, other_dealer):
    owner = CustomerFactory(name="Zhang Wei", email="zhang.wei@example.com")
    return {
        "held": UnitFactory(status="dealer_stock", dealer=dealer),
        "sold": sold_unit(dealer=dealer, owner=owner, delivered_on=date(2025, 6, 1)),
        "factory": UnitFactory(status="built"),
        "elsewhere": UnitFactory(status="dealer_stock", dealer=other_dealer),
        "sold_elsewhere": sold_unit(dealer=other_dealer, owner=CustomerFactory(), delivered_on=date(2025, 1, 1)),
    }


def ids(response):
    return {u["id"] for u in response.json()["results"]}


def test_hq_sees_every_unit(api, hq_analyst, units):
    assert ids(api(hq_analyst).get("/api/v1/units/")) == {u.pk for u in units.values()}


@pytest.mark.parametrize("role", list(DealerRole.values))
def test_dealer_staff_see_units_they_hold_or_sold(api, dealer, units, role):
    client = api(staff(dealer, role))
    assert ids(client.get("/api/v1/units/")) == {units["held"].pk, units["sold"].pk}
    for name in ("factory", "elsewhere", "sold_elsewhere"):
        assert client.get(f"/api/v1/units/{units[name].pk}/").status_code == 404
        assert client.get(f"/api/v1/units/{units[name].pk}/history/").status_code == 404


def test_a_vin_lookup_out_of_reach_finds_nothing(api, service_advisor, units):
    body = api(service_advisor).get(f"/api/v1/units/?serial={units['elsewhere'].serial}").json()
    assert body["count"] == 0


def test_partial_serial_search(api, service_advisor, units):
    tail = units["sold"].serial[-6:]
    assert ids(api(service_advisor).get(f"/api/v1/units/?serial={tail.lower()}")) == {units["sold"].pk}


def test_owner_contact_is_for_service_not_sales(api, dealer, units):
    sold = units["sold"].pk
    service = api(staff(dealer, DealerRole.SERVICE)).get(f"/api/v1/units/{sold}/").json()
    sales = api(staff(dealer, DealerRole.SALES)).get(f"/api/v1/units/{sold}/").json()
    assert service["owner_contact"]["email"] == "zhang.wei@example.com"
    assert sales["owner_contact"] is None
    assert sales["status"] == "sold"


def test_a_customer_sees_their_own_units(api, units):
    account = UserFactory()
    units["sold"].owner.account = account
    units["sold"].owner.save()
    client = api(account)
    assert ids(client.get("/api/v1/units/")) == {units["sold"].pk}
    assert client.get(f"/api/v1/units/{units['sold'].pk}/").json()["owner_contact"]["name"] == "Zhang Wei"


def test_sharing_with_another_bay_and_withdrawing_it(api, dealer, other_dealer, units):
    unit = units["sold"]
    far_service = staff(other_dealer, DealerRole.SERVICE)
    far_sales = staff(other_dealer, DealerRole.SALES)
    assert api(far_service).get(f"/api/v1/units/{unit.pk}/").status_code == 404

    seller_service = staff(dealer, DealerRole.SERVICE)
    response = api(seller_service).post(f"/api/v1/units/{unit.pk}/share/", {"dealer": other_dealer.pk})
    assert response.status_code == 200
    assert api(far_service).get(f"/api/v1/units/{unit.pk}/").status_code == 200
    assert api(far_sales).get(f"/api/v1/units/{unit.pk}/").status_code == 404  # shared with the bay only

    # The receiving dealer cannot pass it on, and another dealer's staff cannot share it at all.
    assert api(far_service).post(f"/api/v1/units/{unit.pk}/share/", {"dealer": dealer.pk}).status_code == 403
    assert api(staff(dealer, DealerRole.SALES)).post(
        f"/api/v1/units/{unit.pk}/share/", {"dealer": other_dealer.pk}).status_code == 403

    assert api(seller_service).post(f"/api/v1/units/{unit.pk}/unshare/", {"dealer": other_dealer.pk}).status_code == 200
    assert api(far_service).get(f"/api/v1/units/{unit.pk}/").status_code == 404
    summaries = [e["summary"] for e in api(seller_service).get(f"/api/v1/units/{unit.pk}/history/").json()["results"]]
    assert summaries[-2:] == [f"Shared with {other_dealer.code}'s service bay.",
                              f"No longer shared with {other_dealer.code}."]


def test_hq_shares_any_unit(api, hq_ops, other_dealer, units):
    response = api(hq_ops).post(f"/api/v1/units/{units['factory'].pk}/share/", {"dealer": other_dealer.pk})
    assert response.status_code == 200
    far_service = staff(other_dealer, DealerRole.SERVICE)
    assert api(far_service).get(f"/api/v1/units/{units['factory'].pk}/").status_code == 200


def test_visibility_agrees_with_the_grants_for_every_user(db):
    """visible_to(user) = units of their dealers, plus units their groups were granted, for every user."""
    dealers = [DealerFactory() for _ in range(3)]
    users = [staff(d, role) for d in dealers for role in DealerRole.values]
    hq = UserFactory(hq_role="hq_ops")
    units = [UnitFactory(status="dealer_stock", dealer=d) for d in dealers for _ in range(2)]
    from vehicles.services.units import unit_share

    unit_share(by=hq, unit=units[0], dealer=dealers[1])
    unit_share(by=hq, unit=units[3], dealer=dealers[2])
    for user in users:
        user = User.objects.get(pk=user.pk)  # fresh caches
        visible = set(Unit.objects.visible_to(user).values_list("pk", flat=True))
        own = {u.pk for u in units if u.dealer_id in user.dealer_ids}
        granted = {u.pk for u in units if user.has_perm("vehicles.view_unit", u)}
        assert visible == own | granted, user.username
    assert set(Group.objects.get(name=f"dealer:{dealers[1].code}:service").user_set.all()) <= set(users)


def test_history_lists_events_in_time_order_with_actors(api, hq_ops, dealer):
    model = ProductModelFactory()
    client = api(hq_ops)
    created = client.post("/api/v1/units/", {"serial": next_vin(), "kind": "vehicle", "model": model.pk})
    assert created.status_code == 201, created.json()
    unit = Unit.objects.get(pk=created.json()["id"])
    from vehicles.services.units import unit_ship

    unit_ship(by=hq_ops, unit=unit, to_dealer=dealer)
    history = client.get(f"/api/v1/units/{unit.pk}/history/").json()["results"]
    assert [(e["kind"], e["to_status"], e["actor"]) for e in history] == [
        ("registered", "planned", "hq-ops"), ("status", "built", "hq-ops"), ("status", "in_transit", "hq-ops")]


def test_registering_through_the_api_validates_the_vin(api, hq_ops):
    model = ProductModelFactory()
    response = api(hq_ops).post("/api/v1/units/", {"serial": "LTL1A2B35TZ000001", "kind": "vehicle",
                                                   "model": model.pk})
    assert response.status_code == 400
    assert "check digit" in response.json()["fields"]["serial"][0]
    assert not Unit.objects.exists()


def test_only_hq_registers_and_state_is_read_only(api, salesperson, hq_ops, units):
    model = ProductModelFactory()
    assert api(salesperson).post("/api/v1/units/", {"serial": next_vin(), "kind": "vehicle",
                                                    "model": model.pk}).status_code == 403
    assert api(hq_ops).patch(f"/api/v1/units/{units['held'].pk}/", {"status": "sold"}).status_code == 405


def test_unit_list_query_count_is_constant(api, dealer, django_assert_max_num_queries):
    advisor = staff(dealer, DealerRole.SERVICE)
    for _ in range(20):
        sold_unit(dealer=dealer, owner=CustomerFactory(), delivered_on=date(2025, 1, 1))
    with django_assert_max_num_queries(8):
        assert api(advisor).get("/api/v1/units/").json()["count"] == 20
