"""One dossier's whole life through the browser, as the officers do it.

An intake officer signs in (password, then the code of their authenticator app), finds the
building permit by typing without accents, ticks the checklist, receives the dossier, opens
the receipt in a new tab and passes the dossier on; the department's handler (on a phone)
finds it in "awaiting me" and completes the appraisal and both parallel steps; the unit
leader approves; the intake officer returns the result at the counter.
"""

from datetime import datetime
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.testing import current_code
from motcua.backoffice.tests.browser.conftest import PHONE
from motcua.core.clock import VIETNAM
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "motcua-demo-2025"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the journey's week in September 2025 (it starts Tuesday 16, 09:00)."""
    return datetime(2025, 9, day, hour, minute, tzinfo=VIETNAM)


def _sign_in(page: Any, base: str, user: Any, artifacts: Any, *, who: str) -> None:
    """Password, then the current code of the officer's authenticator app."""
    device = TOTPDevice.objects.get(user=user)
    page.goto(f"{base}/backoffice/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    artifacts.shot(page, f"{who} signs in")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/accounts/login/verify/")
    page.fill("input[name=code]", current_code(device))
    artifacts.shot(page, f"{who} types the code of the app")
    page.press("input[name=code]", "Enter")
    page.wait_for_url("**/backoffice/")


def _act(page: Any, key: str, **fields: str) -> None:
    """Open the act's panel on the dossier page, fill it in, submit, wait for the page again."""
    panel = page.locator(f"#act-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    for name, value in fields.items():
        panel.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()


def _status(code: str) -> str:
    return str(Dossier.objects.get(code=code).status)


def test_a_counter_dossier_from_intake_to_the_returned_result(
    live_server, world: World, clock, settings, new_page, artifacts
) -> None:
    # given three officers with a password and an authenticator app, a second factor required
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    for officer in (world.intake, world.construction_handler, world.construction_leader):
        officer.set_password(PASSWORD)
        officer.save()
        TOTPDevice.objects.create(user=officer, name="authenticator app", confirmed=True)
    base = live_server.url

    # the intake officer signs in and receives a building-permit dossier at the counter
    intake = new_page()
    _sign_in(intake, base, world.intake, artifacts, who="intake officer")
    artifacts.shot(intake, "intake officer's queues")
    intake.click("a[href='/backoffice/tiep-nhan/']")
    intake.locator("#id_q").press_sequentially("giay phep xay dung")
    choose = intake.locator("#procedure-results a.button").first
    choose.wait_for()
    artifacts.shot(intake, "procedure found without accents")
    choose.click()
    intake.wait_for_selector("#id_applicant_name:focus")
    intake.keyboard.type("Đặng Văn Đức")
    intake.fill("#id_applicant_id_number", "079088000111")
    intake.fill("#id_applicant_address", "5 Lê Lợi, phường Nha Trang")
    intake.fill("#id_applicant_phone", "0905 111 222")
    intake.fill("#id_applicant_email", "duc@example.vn")
    intake.locator(".checklist input[type=checkbox]").first.check()
    artifacts.shot(intake, "intake form filled in")
    with intake.expect_navigation():
        intake.press("#id_applicant_email", "Enter")  # Enter receives
    code = Dossier.objects.get().code
    assert _status(code) == "received"
    artifacts.shot(intake, "dossier received")

    # the receipt opens in a new tab, as the official form 01
    receipt = intake.locator(".receipt-box a[target=_blank]")
    with intake.expect_popup() as opened:
        receipt.click()
    opened.value.close()
    pdf = intake.request.get(base + receipt.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    artifacts.pdf(pdf.body(), "receipt form 01")

    # the paper goes to the department
    clock.set(at(16, 10))
    _act(intake, "complete-step-1")
    assert Dossier.objects.get(code=code).current_agency == world.construction
    artifacts.shot(intake, "dossier handed to the department")

    # the handler, on a phone, finds it awaiting them and completes the steps
    handler = new_page(viewport=PHONE)
    _sign_in(handler, base, world.construction_handler, artifacts, who="handler")
    awaiting = handler.locator(f"#awaiting-heading ~ table a:has-text('{code}')")
    artifacts.shot(handler, "dossier awaiting the handler")
    awaiting.click()
    handler.wait_for_selector("#act-complete-step-2")
    artifacts.shot(handler, "handler opens the dossier")
    clock.set(at(17, 9, 30))
    _act(handler, "complete-step-2", note="Hồ sơ đủ điều kiện")
    clock.set(at(17, 14))
    _act(handler, "complete-step-3")
    _act(handler, "complete-step-4", note="Đã có ý kiến thống nhất")
    artifacts.shot(handler, "steps completed")

    # the unit leader approves
    leader = new_page()
    _sign_in(leader, base, world.construction_leader, artifacts, who="unit leader")
    leader.locator(f"#awaiting-heading ~ table a:has-text('{code}')").click()
    clock.set(at(18, 9))
    _act(leader, "approve-result", summary="Giấy phép xây dựng số 12/GPXD")
    assert _status(code) == "result_ready"
    artifacts.shot(leader, "result approved")

    # the intake officer returns the result at the counter (receiver prefilled)
    intake.goto(f"{base}/backoffice/")
    intake.locator(f"#awaiting-heading ~ table a:has-text('{code}')").click()
    clock.set(at(18, 15))
    _act(intake, "return-result")
    # then
    dossier = Dossier.objects.get(code=code)
    assert (dossier.status, dossier.result_receiver_name) == ("returned", "Đặng Văn Đức")
    timeline = [entry.act for entry in dossier.timeline.order_by("at", "pk")]
    assert timeline == ["receive"] + ["complete-step"] * 4 + ["approve-result", "return-result"]
    assert (
        intake.locator(".dossier-head .status")
        .inner_text()
        .startswith(str(dossier.get_status_display()))
    )
    artifacts.shot(intake, "result returned")
