"""A citizen applies online through the browser, and the keyboard-only pass through the form.

The citizen signs in, finds the building permit by typing "giay phep xay dung" on the catalog
search, opens the online form, fills it, uploads the application document, pays the fee in the
sandbox gateway, comes back and submits; the confirmation shows the dossier code. Then the same
form is filled and submitted with the keyboard alone (Tab, typing, Enter).
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.tests.factories import PASSWORD
from motcua.applications import services
from motcua.applications.tests.fixtures import PDF
from motcua.backoffice.tests.browser.conftest import PHONE
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import ONLINE_PROCEDURE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _sign_in(page: Any, base: str, applicant: Any, artifacts: Any) -> None:
    # The shared machine can be slow to serve the live server's first page.
    page.set_default_timeout(30_000)
    page.goto(f"{base}/accounts/login/?next=/thu-tuc/")
    page.fill("input[name=username]", applicant.username)
    page.fill("input[name=password]", PASSWORD)
    artifacts.shot(page, "citizen signs in")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/thu-tuc/")


def test_a_citizen_applies_online_for_a_building_permit_and_pays_in_the_sandbox(
    live_server,
    world,
    clock,
    applicant,
    construction_variant,
    sandbox,
    new_page,
    artifacts,
    tmp_path,
) -> None:
    base = live_server.url
    page = new_page(PHONE)
    _sign_in(page, base, applicant, artifacts)

    # finds the procedure by typing without accents
    page.locator("#id_q").press_sequentially("giay phep xay dung")
    result = page.locator("#procedure-results a", has_text="Cấp giấy phép xây dựng").first
    result.wait_for()
    artifacts.shot(page, "building permit found without accents")
    result.click()
    page.wait_for_url("**/thu-tuc/1.000002.H34/")
    page.click("a[href='/nop-truc-tuyen/1.000002.H34/']")
    artifacts.shot(page, "choose the case")
    page.click("main button[type=submit]")
    page.wait_for_url("**/nop-truc-tuyen/ho-so-nhap/**")

    # fills the form (prefilled from the profile) and uploads the application
    page.fill("#id_applicant_phone", "0912345678")
    page.select_option("#id_service_centre", world.province_centre.code)
    page.fill("#id_land_lot_number", "125")
    page.fill("#id_floors", "3")
    page.fill("#id_ground_area_m2", "80,5")
    page.fill("#id_expected_start_on", "15/01/2026")
    document = tmp_path / "don-de-nghi.pdf"
    document.write_bytes(PDF)
    page.set_input_files("#id_document_XD01", str(document))
    artifacts.shot(page, "form filled")
    page.click("button[name=action][value=save]")
    page.wait_for_url("**/nop-truc-tuyen/ho-so-nhap/**")
    assert "don-de-nghi.pdf" in page.content()
    artifacts.shot(page, "draft saved with its document")

    # pays the fee in the sandbox gateway
    page.click("button[formaction$='/thanh-toan/']")
    page.wait_for_url("**/sandbox-pay/pay/**")
    artifacts.shot(page, "sandbox payment page")
    page.click("#outcome-paid")
    page.wait_for_url("**/nop-truc-tuyen/ho-so-nhap/**")
    artifacts.shot(page, "back from the gateway, paid")

    # submits
    page.click("button[name=action][value=submit]")
    page.wait_for_url("**/nop-truc-tuyen/da-nop/**")
    dossier = Dossier.objects.get()
    assert dossier.code in page.locator(".dossier-code").inner_text()
    artifacts.shot(page, "confirmation with the dossier code")
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.payments.get().method == "online"

    page.click(f"a[href='/ho-so-cua-toi/{dossier.code}/']")
    page.wait_for_url(f"**/ho-so-cua-toi/{dossier.code}/")
    artifacts.shot(page, "my dossier with its timeline")


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_the_application_form_works_with_the_keyboard_alone(
    live_server, world, clock, applicant, online_variant, new_page, artifacts
) -> None:
    # given a draft whose document was uploaded (a file chooser is the system's own dialog)
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    services.attach_draft_document(
        applicant=applicant,
        draft=draft,
        required_document_code="VT01",
        file=SimpleUploadedFile("giay-de-nghi.pdf", PDF),
    )
    base = live_server.url
    page = new_page()
    _sign_in(page, base, applicant, artifacts)
    page.goto(f"{base}/nop-truc-tuyen/ho-so-nhap/{draft.public_id}/")

    # when: only Tab, typing and Enter
    page.keyboard.press("Tab")
    _tab_to(page, "#id_applicant_phone")
    page.keyboard.type("0912345678")
    _tab_to(page, "#id_service_centre")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "#id_request_summary")
    page.keyboard.type("Xin cấp giấy phép kinh doanh vận tải bằng xe ô tô")
    artifacts.shot(page, "keyboard: form filled")
    _tab_to(page, "button[name=action][value=submit]")
    artifacts.shot(page, "keyboard: focus on submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nop-truc-tuyen/da-nop/**")
    artifacts.shot(page, "keyboard: submitted")

    # then
    dossier = Dossier.objects.get()
    assert dossier.procedure_version.procedure.code == ONLINE_PROCEDURE
    assert dossier.status == DossierStatus.SUBMITTED
