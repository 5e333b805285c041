"""Fixtures every test can use: API clients per user, the HQ roles, two dealers (one in reach and
one out, as every scope test needs), a real Celery worker, and per-test cache isolation."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from dealers.choices import DealerRole, HQRole
from tests.dealers.factories import DealerFactory, HQUserFactory, UserFactory, staff

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    redis = bool(settings.REDIS_URL)
    chromium = bool(shutil.which("chromium"))
    for item in items:
        if "postgres" in item.keywords and not postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "redis" in item.keywords and not redis:
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL"))
        if "browser" in item.keywords and not chromium:
            item.add_marker(pytest.mark.skip(reason="needs Debian's chromium (installed by .ci/run)"))


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Throttle counters and cached values never leak from one test into the next."""
    clear_cache()


def clear_cache():
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if prefix and settings.REDIS_URL:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture
def api():
    """`api(user)` is an API client signed in as `user`; `api()` is an anonymous one."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def hq_admin(db):
    return HQUserFactory(username="hq-admin", hq_role=HQRole.ADMIN)


@pytest.fixture
def hq_ops(db):
    return HQUserFactory(username="hq-ops", hq_role=HQRole.OPS)


@pytest.fixture
def hq_finance(db):
    return HQUserFactory(username="hq-finance", hq_role=HQRole.FINANCE)


@pytest.fixture
def hq_analyst(db):
    return HQUserFactory(username="hq-analyst", hq_role=HQRole.ANALYST)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def dealer(db):
    return DealerFactory(code="near")


@pytest.fixture
def other_dealer(db):
    """A dealer outside the reach of `dealer`'s staff."""
    return DealerFactory(code="far")


@pytest.fixture
def principal(dealer):
    return staff(dealer, DealerRole.PRINCIPAL, username="near-principal")


@pytest.fixture
def sales_manager(dealer):
    return staff(dealer, DealerRole.SALES_MANAGER, username="near-salesmgr")


@pytest.fixture
def salesperson(dealer):
    return staff(dealer, DealerRole.SALES, username="near-sales")


@pytest.fixture
def service_advisor(dealer):
    return staff(dealer, DealerRole.SERVICE, username="near-service")


@pytest.fixture
def other_principal(other_dealer):
    return staff(other_dealer, DealerRole.PRINCIPAL, username="far-principal")


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker process consuming this test process's queue on Redis, reading the same
    test database. Tests using it commit their data (transactional_db) and poll for the outcome."""
    from config.celery import app

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.skip("a worker process cannot share the in-memory SQLite test database")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    worker = subprocess.Popen(  # noqa: S603  a fixed command line of our own
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"{queue}@%h",
         "--loglevel=WARNING"],
        cwd=ROOT, env=env,
    )
    app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=1):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Celery worker did not start")
        yield worker
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(condition, *, timeout: float = 30, interval: float = 0.2):
    """Poll `condition()` until it returns something truthy (for work done by a worker process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
