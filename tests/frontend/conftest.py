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


@pytest.fixture
def open_page(chromium, live_server, request):
    """`open_page(name)` opens a fresh browser context (a different person) on the live server;
    screenshots go to the test's folder, prefixed with the person's name."""
    contexts = []
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    if folder.exists():  # a re-run starts the journey's pictures afresh
        for old in folder.glob("*.png"):
            old.unlink()

    def make(who: str = "page", *, mobile: bool = False):
        viewport = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
        context = chromium.new_context(viewport=viewport, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url
        page.shots_dir = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
        page.shots = len(list(page.shots_dir.glob("*.png"))) if page.shots_dir.exists() else 0
        page.who = who
        return page

    yield make
    for context in contexts:
        context.close()


def step(page, name: str) -> Path:
    """A screenshot numbered across everyone in the journey."""
    page.shots_dir.mkdir(parents=True, exist_ok=True)
    number = len(list(page.shots_dir.glob("*.png"))) + 1
    path = page.shots_dir / f"{number:02d}-{page.who}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def click_and_wait(page, locator, text: str) -> None:
    """Click (the page may swap through htmx) and wait until `text` shows."""
    locator.click()
    page.get_by_text(text).first.wait_for()
