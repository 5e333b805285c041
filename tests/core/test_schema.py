import re

import pytest


@pytest.fixture
def schema(db, api, hq_admin):
    response = api(hq_admin).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_error_answers(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403"} <= codes or "public" in path or path.endswith("/auth/token/"), (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "put", "patch"):
                assert "400" in codes, (method, path)
            error = operation["responses"].get("403") or operation["responses"].get("400")
            if error:
                assert error["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_schema_lists_the_network_endpoints(schema):
    for path in ["/api/v1/me/", "/api/v1/regions/", "/api/v1/dealers/", "/api/v1/dealers/{id}/members/",
                 "/api/v1/staff/", "/api/v1/auth/token/", "/api/v1/product-lines/", "/api/v1/jobs/{id}/"]:
        assert path in schema["paths"]


def test_docs_render_with_assets_served_by_the_app(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/static/") or s.startswith("/api/") for s in sources), sources
    assert "cdn" not in html.lower()
