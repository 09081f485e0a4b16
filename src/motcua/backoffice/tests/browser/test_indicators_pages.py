"""The leaders' dashboard and the public page in Chromium, with screenshots for review."""

from typing import Any

import pytest

from motcua.backoffice.tests.browser.conftest import PHONE
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "motcua-demo-2025"


def test_a_leader_drills_down_and_the_public_sees_the_on_time_rates(
    live_server, world: World, clock, django_capture_on_commit_callbacks, new_page, artifacts
) -> None:
    # given dossiers of the commune and of the construction department, one resolved
    with django_capture_on_commit_callbacks(execute=True):
        DossierFactory(world=world, result_ready=True)
        DossierFactory(world=world)
        DossierFactory(world=world, procedure="1.000002.H34", processing=True)
    leader = world.commune_leader
    leader.set_password(PASSWORD)
    leader.save()
    base = live_server.url

    # when the commune's leader signs in and opens the indicators
    page: Any = new_page()
    page.set_default_timeout(60_000)  # the shared test machine may be slow to answer
    page.goto(f"{base}/backoffice/")
    page.fill("input[name=username]", leader.username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/backoffice/")
    page.click("a[href='/backoffice/chi-so/']")
    page.wait_for_url("**/backoffice/chi-so/")
    artifacts.shot(page, "leader's dashboard")
    # then the chart is drawn and the agency's row leads to its sectors
    assert page.locator("svg[role=img]").count() == 1
    page.locator("section[aria-labelledby=rows-heading] tbody th a").first.click()
    page.wait_for_url("**agency=*")
    artifacts.shot(page, "the agency by sector")
    assert "Lĩnh vực" in page.locator("#rows-heading").inner_text()

    # and anyone, on a phone, sees the public page
    public: Any = new_page(viewport=PHONE)
    public.set_default_timeout(60_000)
    public.goto(f"{base}/cong-khai/")
    artifacts.shot(public, "public on-time rates")
    assert "100%" in public.locator("main").inner_text()
