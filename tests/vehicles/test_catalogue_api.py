import pytest

from tests.vehicles.factories import ProductLineFactory, ProductModelFactory


def test_everyone_signed_in_reads_the_catalogue(api, salesperson, service_advisor):
    model = ProductModelFactory(code="l300-van", list_price="168000.00")
    for user in (salesperson, service_advisor):
        body = api(user).get("/api/v1/models/").json()
        assert body["results"][0]["code"] == "l300-van"
        assert body["results"][0]["list_price"] == "168000.00"
        assert body["results"][0]["currency"] == "CNY"
    assert api(salesperson).get(f"/api/v1/product-lines/{model.product_line_id}/").status_code == 200
    assert api().get("/api/v1/models/").status_code == 401


@pytest.mark.parametrize("fixture", ["hq_admin", "hq_ops"])
def test_network_editors_write_the_catalogue(api, request, fixture):
    client = api(request.getfixturevalue(fixture))
    line = client.post("/api/v1/product-lines/", {"code": "agri", "name": "Agricultural machinery"})
    assert line.status_code == 201
    model = client.post("/api/v1/models/", {
        "code": "t904", "name": "T904 tractor", "product_line": line.json()["id"], "kind": "equipment",
        "list_price": "238000.00", "currency": "CNY", "warranty_months": 24,
    })
    assert model.status_code == 201, model.json()
    option = client.post("/api/v1/options/", {"code": "front-loader", "name": "Front loader",
                                              "model": model.json()["id"], "price": "26000.00"})
    assert option.status_code == 201, option.json()
    deactivated = client.patch(f"/api/v1/models/{model.json()['id']}/", {"active": False})
    assert deactivated.json()["active"] is False


@pytest.mark.parametrize("fixture", ["hq_finance", "hq_analyst", "principal", "salesperson"])
def test_other_roles_may_not_write_the_catalogue(api, request, fixture):
    response = api(request.getfixturevalue(fixture)).post("/api/v1/product-lines/", {"code": "x", "name": "X"})
    assert response.status_code == 403


def test_catalogue_validation(api, hq_ops):
    ProductLineFactory(code="agri")
    client = api(hq_ops)
    assert client.post("/api/v1/product-lines/", {"code": "agri", "name": "Again"}).json()["fields"]["code"]
    bad = client.post("/api/v1/models/", {"code": "m", "name": "M", "product_line": 999, "kind": "boat",
                                          "list_price": "-1", "warranty_months": -3})
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"product_line", "kind", "list_price", "warranty_months"}
