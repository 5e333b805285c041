"""Regions, dealers, staff: what each role may read and write, and bad input."""

import pytest

from dealers.choices import DealerRole
from dealers.models import Dealer, Region
from tests.dealers.factories import DealerFactory, RegionAreaFactory, RegionFactory, staff
from tests.vehicles.factories import ProductLineFactory


@pytest.fixture
def east(db):
    region = RegionFactory(code="east", name="East China")
    RegionAreaFactory(region=region, country="CN", postal_prefix="20")
    RegionAreaFactory(region=region, country="CN", postal_prefix="21")
    return region


def new_dealer(**overrides):
    return {
        "code": "sh09", "name": "Shanghai Ninth Motors", "tier": "silver", "latitude": "31.230400",
        "longitude": "121.473700", "address": "9 Century Ave", "postal_code": "200120", "country": "CN",
        "phone": "+86 21 5555 0909", "email": "sales@sh09.example.com", "has_sales": True,
        "has_service": True, "weekly_lead_capacity": 25, **overrides,
    }


# --- reading ------------------------------------------------------------------------------------

def test_hq_lists_every_dealer_with_the_api_fields(api, hq_analyst, dealer, other_dealer):
    response = api(hq_analyst).get("/api/v1/dealers/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert set(body) == {"count", "next", "previous", "results"}
    assert set(body["results"][0]) >= {
        "id", "code", "name", "region", "parent", "tier", "latitude", "longitude", "address", "postal_code",
        "country", "phone", "email", "product_lines", "has_sales", "has_service", "weekly_lead_capacity",
        "active", "created_at", "updated_at",
    }


@pytest.mark.parametrize("role", list(DealerRole.values))
def test_dealer_staff_see_only_their_own_dealer(api, dealer, other_dealer, role):
    user = staff(dealer, role)
    body = api(user).get("/api/v1/dealers/").json()
    assert [d["code"] for d in body["results"]] == ["near"]
    assert api(user).get(f"/api/v1/dealers/{dealer.pk}/").status_code == 200
    response = api(user).get(f"/api/v1/dealers/{other_dealer.pk}/")
    assert response.status_code == 404
    missing = api(user).get("/api/v1/dealers/999999/")
    assert response.json() == missing.json() == {"detail": "Not found.", "code": "not_found"}


def test_staff_of_a_main_dealer_see_its_sub_dealers_but_not_the_reverse(api, dealer):
    sub = DealerFactory(code="sub", parent=dealer)
    parent_staff = staff(dealer, DealerRole.PRINCIPAL)
    sub_staff = staff(sub, DealerRole.PRINCIPAL)
    assert {d["code"] for d in api(parent_staff).get("/api/v1/dealers/").json()["results"]} == {"near", "sub"}
    assert {d["code"] for d in api(sub_staff).get("/api/v1/dealers/").json()["results"]} == {"sub"}
    assert api(sub_staff).get(f"/api/v1/dealers/{dealer.pk}/").status_code == 404


def test_a_signed_in_user_without_a_role_sees_no_dealers(api, dealer):
    from tests.dealers.factories import UserFactory

    assert api(UserFactory()).get("/api/v1/dealers/").json()["count"] == 0


def test_dealers_filter_by_tier_region_active_and_search(api, hq_ops, east):
    west = RegionFactory(code="west")
    DealerFactory(code="a1", tier="gold", region=east, name="Hangzhou Xinda")
    DealerFactory(code="a2", tier="bronze", region=west, active=False)
    client = api(hq_ops)
    assert [d["code"] for d in client.get("/api/v1/dealers/?tier=gold").json()["results"]] == ["a1"]
    assert [d["code"] for d in client.get(f"/api/v1/dealers/?region={west.pk}").json()["results"]] == ["a2"]
    assert [d["code"] for d in client.get("/api/v1/dealers/?active=false").json()["results"]] == ["a2"]
    assert [d["code"] for d in client.get("/api/v1/dealers/?q=xinda").json()["results"]] == ["a1"]


def test_invalid_filter_values_are_400(api, hq_ops):
    response = api(hq_ops).get("/api/v1/dealers/?tier=diamond")
    assert response.status_code == 400
    assert "tier" in response.json()["fields"]


def test_pagination_with_page_size_capped_at_200(api, hq_ops, east):
    DealerFactory.create_batch(5, region=east)
    body = api(hq_ops).get("/api/v1/dealers/?page_size=2&page=2").json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert "page=3" in body["next"]
    assert "page_size=2" in body["previous"]
    DealerFactory.create_batch(200, region=east)
    assert len(api(hq_ops).get("/api/v1/dealers/?page_size=500").json()["results"]) == 200


# --- writing ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["hq_admin", "hq_ops", "superuser"])
def test_network_editors_create_dealers_and_the_region_is_derived(api, request, east, fixture):
    line = ProductLineFactory()
    response = api(request.getfixturevalue(fixture)).post(
        "/api/v1/dealers/", new_dealer(product_lines=[line.pk], region=999)
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["region"] == east.pk
    assert body["product_lines"] == [line.pk]
    dealer = Dealer.objects.get(code="sh09")
    assert dealer.sales_group.name == "dealer:sh09:sales"
    assert dealer.service_group.name == "dealer:sh09:service"


@pytest.mark.parametrize("fixture", ["hq_finance", "hq_analyst", "principal", "sales_manager", "service_advisor"])
def test_other_roles_may_not_write_dealers(api, request, east, dealer, fixture):
    client = api(request.getfixturevalue(fixture))
    response = client.post("/api/v1/dealers/", new_dealer())
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert client.patch(f"/api/v1/dealers/{dealer.pk}/", {"name": "Mine now"}).status_code == 403
    assert not Dealer.objects.filter(code="sh09").exists()
    dealer.refresh_from_db()
    assert dealer.name != "Mine now"


def test_bad_dealer_input_names_every_field_and_changes_nothing(api, hq_ops, east):
    response = api(hq_ops).post("/api/v1/dealers/", new_dealer(
        code="", tier="diamond", latitude="95", email="not-an-email", weekly_lead_capacity=-1
    ))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"code", "tier", "latitude", "email", "weekly_lead_capacity"}
    assert Dealer.objects.count() == 0


def test_a_postal_code_no_region_covers_is_refused(api, hq_ops, east):
    response = api(hq_ops).post("/api/v1/dealers/", new_dealer(postal_code="999999"))
    assert response.status_code == 400
    assert "No region covers postal code 999999" in response.json()["fields"]["postal_code"][0]
    assert Dealer.objects.count() == 0


def test_duplicate_dealer_code(api, hq_ops, east):
    DealerFactory(code="sh09", region=east)
    response = api(hq_ops).post("/api/v1/dealers/", new_dealer())
    assert response.status_code == 400
    assert response.json()["fields"]["code"]


def test_sub_dealers_are_one_level_deep(api, hq_ops, east):
    main = DealerFactory(code="main", region=east)
    sub = DealerFactory(code="sub", region=east, parent=main)
    client = api(hq_ops)
    ok = client.post("/api/v1/dealers/", new_dealer(code="sub2", parent=main.pk))
    assert ok.status_code == 201
    too_deep = client.post("/api/v1/dealers/", new_dealer(code="subsub", parent=sub.pk))
    assert too_deep.status_code == 400
    assert "sub-dealer" in too_deep.json()["fields"]["parent"][0]
    own = client.patch(f"/api/v1/dealers/{main.pk}/", {"parent": main.pk})
    assert own.status_code == 400
    with_subs = client.patch(f"/api/v1/dealers/{main.pk}/", {"parent": ok.json()["id"]})
    assert with_subs.status_code == 400


def test_moving_a_dealer_rederives_its_region(api, hq_ops, east):
    west = RegionFactory(code="west")
    RegionAreaFactory(region=west, country="CN", postal_prefix="61")
    dealer = DealerFactory(region=east, postal_code="200000")
    response = api(hq_ops).patch(f"/api/v1/dealers/{dealer.pk}/", {"postal_code": "610041"})
    assert response.status_code == 200
    assert response.json()["region"] == west.pk


def test_deactivating_a_dealer_keeps_it_and_its_history(api, hq_ops, east):
    dealer = DealerFactory(region=east)
    person = staff(dealer, DealerRole.SALES)
    response = api(hq_ops).patch(f"/api/v1/dealers/{dealer.pk}/", {"active": False})
    assert response.status_code == 200
    dealer.refresh_from_db()
    assert dealer.active is False
    assert dealer.memberships.filter(user=person).exists()
    assert [h.active for h in dealer.history.order_by("history_date")][-1] is False
    assert dealer.history.latest().history_user.username == "hq-ops"
    assert api(hq_ops).delete(f"/api/v1/dealers/{dealer.pk}/").status_code == 405


# --- regions ------------------------------------------------------------------------------------

def test_regions_are_read_by_anyone_signed_in_and_written_by_network_editors(api, hq_ops, salesperson):
    created = api(hq_ops).post(
        "/api/v1/regions/", {"code": "south", "name": "South China",
                             "areas": [{"country": "CN", "postal_prefix": "51"}]}, format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["areas"] == [{"country": "CN", "postal_prefix": "51"}]
    assert api(salesperson).get("/api/v1/regions/").json()["count"] >= 1
    assert api(salesperson).post("/api/v1/regions/", {"code": "x", "name": "X"}).status_code == 403
    assert api().get("/api/v1/regions/").status_code == 401


def test_a_postal_prefix_belongs_to_one_region(api, hq_ops, east):
    response = api(hq_ops).post(
        "/api/v1/regions/", {"code": "other", "name": "Other", "areas": [{"country": "CN", "postal_prefix": "20"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "one region" in response.json()["fields"]["areas"][0]
    assert not Region.objects.filter(code="other").exists()
