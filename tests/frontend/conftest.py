"""Playwright driving Debian's Chromium against the live test server (see RECIPES.md).

Journeys take screenshots with `shoot(page, "name")`; they land in
test-output/screenshots/<test name>/ so a person can look at them after a run.
"""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API keeps an event loop running in this thread from here on; the ORM calls
    # tests make between browser steps are still plain synchronous code, so tell Django so.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A fresh browser context (no cookies) with `page.base` set to the live server's address."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    page.shots_dir = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    page.shots = 0
    yield page
    context.close()


def shoot(page, name: str) -> Path:
    page.shots += 1
    page.shots_dir.mkdir(parents=True, exist_ok=True)
    path = page.shots_dir / f"{page.shots:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, username: str, password: str) -> None:
    page.goto(f"{page.base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{page.base}/")
