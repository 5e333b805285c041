"""Every API endpoint: 401 without credentials, and 404 on another dealer's object."""

import re

import pytest
from django.urls import get_resolver

from dealers.choices import DealerRole
from tests.dealers.factories import staff
from tests.scope import OUT_OF_REACH, PUBLIC_PREFIXES, SHARED


def _routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    for route, callback in walk(get_resolver().url_patterns):
        if route.startswith("api/v1/") and not route.replace("^", "").startswith(PUBLIC_PREFIXES):
            path = "/" + re.sub(r"\(\?P<\w+>[^)]+\)", "{id}", route.replace("^", "").replace("$", ""))
            path = re.sub(r"<\w+:\w+>|<\w+>", "{id}", path)
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            actions = getattr(callback, "actions", None) or {
                m: m for m in ("get", "post", "put", "patch") if hasattr(view_class, m)}
            yield path, callback, actions


ROUTES = list(_routes())


def _call(client, method, path):
    return getattr(client, method)(path, {}, format="json") if method != "get" else client.get(path)


@pytest.mark.parametrize(("path", "callback", "actions"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_endpoint_needs_credentials(db, api, path, callback, actions):
    for method in list(actions):
        if method in ("head", "options"):
            continue
        response = _call(api(), method, path.replace("{id}", "1"))
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.json()["code"] == "not_authenticated"


DETAIL_ROUTES = [r for r in ROUTES if "{id}" in r[0] and hasattr(r[1], "cls")]


@pytest.mark.parametrize(("path", "callback", "actions"), DETAIL_ROUTES, ids=[r[0] for r in DETAIL_ROUTES])
def test_another_dealers_object_is_not_found_on_every_route(db, api, dealer, other_dealer, path, callback, actions):
    queryset = getattr(callback.cls, "queryset", None)
    model = queryset.model if queryset is not None else callback.cls.scope_model
    assert model in OUT_OF_REACH or model in SHARED, f"register {model.__name__} in tests/scope.py"
    if model in SHARED:
        return
    target = OUT_OF_REACH[model](other_dealer)
    principal = staff(dealer, DealerRole.PRINCIPAL)
    for method in list(actions):
        if method in ("head", "options"):
            continue
        response = _call(api(principal), method, path.replace("{id}", str(target.pk)))
        assert response.status_code == 404, (method, path, response.status_code)
        assert response.json() == {"detail": "Not found.", "code": "not_found"}
