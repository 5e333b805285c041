"""The portal shell in a real browser: sign in, find a dealer, switch to Chinese, sign out."""

import pytest

from tests.dealers.factories import PASSWORD
from tests.frontend.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def test_hq_signs_in_browses_the_network_in_both_languages(browser_page, hq_ops, dealer, other_dealer):
    page = browser_page
    page.goto(f"{page.base}/")
    assert "/accounts/login/" in page.url  # signed-out visitors are sent to sign in
    shoot(page, "login")
    sign_in(page, "hq-ops", PASSWORD)
    assert page.get_by_role("heading", name="HQ dashboard").is_visible()
    shoot(page, "hq-home")

    page.get_by_role("link", name="Dealers").click()
    page.get_by_text("Filter").click()
    page.get_by_label("Code, name or city contains").fill("far")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**q=far**")
    assert page.locator("tbody tr").count() == 1
    page.get_by_role("link", name=other_dealer.name).click()
    page.get_by_role("heading", name=other_dealer.name).wait_for()
    shoot(page, "dealer-page")

    with page.expect_navigation():
        page.get_by_label("Language").select_option("zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("button", name="退出登录").is_visible()
    shoot(page, "dealer-page-zh")

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/**")
