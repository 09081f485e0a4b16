"""axe-core (WCAG 2.1 A and AA) in Debian's Chromium on every public page: the portal, the
lookup, the rating, the kiosk, the verification of results, registration and sign-in.

Each page is opened as a visitor reaches it (the lookup and the rating through their forms),
screenshotted to test-artifacts/, and checked with the bundled axe-core; the test fails with
every violation of every page listed.
"""

from typing import Any

import pytest
from django.core.cache import cache

from motcua.core.accessibility import axe_violations
from motcua.core.browser_testing import PHONE
from motcua.dossiers.rating_links import rating_url
from motcua.dossiers.tests.factories import DossierFactory
from motcua.surveys.testing import returned_dossier

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_public_and_kiosk_page_has_no_axe_violations(
    live_server, world, clock, new_page, artifacts, assert_no_axe_violations
) -> None:
    # given dossiers in processing and returned, and the catalog of the small province
    cache.clear()
    processing = DossierFactory(world=world, processing=True)
    returned = returned_dossier(world)
    base = live_server.url
    found: dict[str, list[Any]] = {}

    def check(page: Any, name: str) -> None:
        artifacts.shot(page, name)
        found[name] = axe_violations(page)

    page = new_page()
    # A loaded machine needs long for the server's first page (it imports every view).
    page.set_default_timeout(120_000)
    page.set_default_navigation_timeout(120_000)
    # when each page is opened the way a visitor reaches it
    for name, path in [
        ("home", "/"),
        ("catalog list", "/thu-tuc/?q=giay"),
        ("catalog detail", "/thu-tuc/1.000001.H34/"),
        ("verification form", "/xac-thuc/"),
        ("verification of an unknown code", "/xac-thuc/KHONGCO123/"),
        ("registration", "/tai-khoan/dang-ky/"),
        ("sign-in", "/accounts/login/"),
        ("lookup form", "/tra-cuu/"),
        ("kiosk start", "/kiosk/"),
        ("kiosk lookup", "/kiosk/tra-cuu/"),
        ("kiosk catalog", "/kiosk/thu-tuc/"),
        ("kiosk procedure", "/kiosk/thu-tuc/1.000001.H34/"),
    ]:
        page.goto(base + path)
        check(page, name)

    page.goto(f"{base}/tra-cuu/{processing.code}?s={processing.lookup_secret}")
    check(page, "lookup result from the QR code")

    page.goto(f"{base}/tra-cuu/")
    page.fill("input[name=code]", processing.code)
    page.fill("input[name=secret]", "AAAAAAAA")
    with page.expect_navigation():
        page.press("input[name=secret]", "Enter")
    check(page, "lookup refused")

    page.goto(base + "/" + rating_url(dossier_id=returned.pk, code=returned.code).split("/", 3)[3])
    check(page, "rating form from the e-mail link")
    with page.expect_navigation():
        page.click("form.rating-form button[type=submit]")
    check(page, "rating form with errors")

    kiosk = new_page(viewport={"width": 1080, "height": 1920})
    kiosk.set_default_timeout(60_000)
    kiosk.goto(f"{base}/kiosk/tra-cuu/")
    kiosk.keyboard.type(f"{base}/tra-cuu/{returned.code}?s={returned.lookup_secret}")
    with kiosk.expect_navigation():
        kiosk.keyboard.press("Enter")
    check(kiosk, "kiosk lookup result after a scan")
    with kiosk.expect_navigation():
        kiosk.click("a[href*='/kiosk/danh-gia/']")
    check(kiosk, "kiosk rating form")
    for content in (
        "processing_time",
        "agencies_contacted",
        "published_information",
        "staff_attitude",
        "result_lawfulness",
    ):
        kiosk.check(f"input[name={content}][value='5']")
    with kiosk.expect_navigation():
        kiosk.click("form.rating-form button[type=submit]")
    check(kiosk, "kiosk rating thanks")

    phone = new_page(viewport=PHONE)
    phone.set_default_timeout(60_000)
    phone.goto(f"{base}/tra-cuu/{processing.code}?s={processing.lookup_secret}")
    check(phone, "lookup result on a phone")

    # then no page has any violation
    assert kiosk.locator("h1").inner_text() == "Cảm ơn ông/bà đã đánh giá"
    problems = {
        name: [str(v) for v in violations] for name, violations in found.items() if violations
    }
    assert problems == {}, problems
    # and the fixture other tests use agrees on the last page
    assert_no_axe_violations(phone)
