"""One citizen's whole journey through the portal, from registration to the rating.

A new citizen registers (the code comes by e-mail), finds the building permit by typing
"giay phep xay dung" without accents, fills the online form, uploads a PDF, pays the fee in the
sandbox gateway and submits. Through the dossier API, with bearer tokens, the provincial centre
accepts the dossier and hands it on, and the department's handler asks for a supplement; the
citizen sees the request in "my dossiers" and uploads a photo (JPEG). The handler completes the
steps through the API, the director signs the result (`sign_and_approve_result`, keys of a test
CA), the centre returns it at the counter. The citizen downloads the signed PDF (poppler's
pdfsig finds its signature valid and trusted), checks it on the verification page, by upload
and at its QR address ("intact", signed by the director), and rates the handling on the seven
contents of Art. 33.

Each step's screenshot goes to test-artifacts/<test name>/NN-step.png. axe-core checks each page
state the journey reaches that test_accessibility does not (a form merely filled in excepted).
"""

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from PIL import Image, ImageDraw

from motcua.accounts.models import User
from motcua.accounts.services import issue_api_token
from motcua.accounts.tests.factories import PASSWORD
from motcua.core.browser_testing import _unavailable
from motcua.core.clock import VIETNAM
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE, World
from motcua.integrations.signing.dossier_testing import *  # noqa: F403
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import nss_database, pdfsig, pdfsig_available
from motcua.payments.models import PaymentOrder
from motcua.payments.queries import exists_paid_online
from motcua.results.certificates import to_pem
from motcua.results.models import EResult
from motcua.results.services import (
    draft_result_for_dossier,
    review_result_draft,
    sign_and_approve_result,
)
from motcua.results.testing import PASSPHRASE
from motcua.surveys.models import Rating

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CITIZEN = {
    "full_name": "Lê Thị Mai",
    "national_id": "056185004321",
    "email": "mai.le@example.vn",
}
SUPPLEMENT_ITEM = "Ảnh chụp giấy chứng nhận quyền sử dụng đất"
# The seven contents of Decree 118/2025 Art. 33, in the law's order, as the citizen answers.
ANSWERS = {
    "processing_time": 5,
    "agencies_contacted": 5,
    "published_information": 4,
    "staff_attitude": 5,
    "result_lawfulness": 5,
    "feedback_handling": 3,
    "online_service": 4,
}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the journey's fortnight in September 2025 (it starts Tuesday 16, 09:00)."""
    return datetime(2025, 9, day, hour, minute, tzinfo=VIETNAM)


class StaffApi:
    """The live server's dossier API, called over HTTP as one officer with a bearer token (from
    a browser context of its own, so that no citizen's cookie goes with it)."""

    def __init__(self, base: str, officer: User, context: Any) -> None:
        token = issue_api_token(actor=None, owner=officer, name="hành trình công dân").secret
        self.base = f"{base}/api/v1/dossiers"
        self.headers = {"Authorization": f"Bearer {token}"}
        self.request = context.request

    def act(self, code: str, act: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.request.post(
            f"{self.base}/{code}/{act}", data=body or {}, headers=self.headers, timeout=60_000
        )
        assert response.ok, f"{act}: {response.status} {response.text()}"
        answer: dict[str, Any] = response.json()
        return answer


def _small_pdf(path: Path) -> Path:
    """A real one-page PDF (an A5 page with a line of text), as a scanner would make it."""
    page = Image.new("RGB", (420, 595), "white")
    ImageDraw.Draw(page).text((40, 60), "Don de nghi cap giay phep xay dung", fill="black")
    page.save(path, "PDF", resolution=72)
    return path


def _small_jpeg(path: Path) -> Path:
    """A real photo-sized JPEG, as a phone would take it."""
    photo = Image.new("RGB", (320, 240), (236, 226, 204))
    ImageDraw.Draw(photo).rectangle((30, 30, 290, 210), outline=(120, 40, 40), width=4)
    photo.save(path, "JPEG", quality=80)
    return path


def _last_code(mailoutbox: list[Any], to: str) -> str:
    message = mailoutbox[-1]
    assert message.to == [to]
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None, message.body
    return found.group(1)


def _beside_the_browser(work: Callable[[], Any]) -> Any:
    """Run `work` in another thread: pyHanko signs through `asyncio.run`, which refuses to run
    in this thread while Playwright's event loop is there."""

    def run() -> Any:
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _acts(dossier: Dossier) -> list[str]:
    return [entry.act for entry in dossier.timeline.order_by("at", "pk")]


def test_a_new_citizen_applies_online_and_rates_the_returned_signed_result(
    live_server,
    world: World,
    clock,
    construction_variant,
    sandbox,
    result_template,
    world_kit,
    mailoutbox,
    new_page,
    artifacts,
    assert_no_axe_violations,
    tmp_path: Path,
) -> None:
    if not pdfsig_available():
        # Like a missing Chromium: a failure in CI, a skip elsewhere.
        _unavailable(
            "the journey checks the signed result with pdfsig and certutil",
            packages="poppler-utils libnss3-tools",
        )
    base = live_server.url
    page = new_page()
    # The shared machine can be slow to serve the live server's first pages.
    page.set_default_timeout(30_000)

    def step(name: str, *, axe: bool = True) -> None:
        artifacts.shot(page, name)
        if axe:
            assert_no_axe_violations(page, label=name)

    # 1. registers, asking for the code by e-mail, and types it in
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("header a[href='/tai-khoan/dang-ky/']")
    page.check("input[name=kind][value=citizen]")
    page.fill("#id_full_name", CITIZEN["full_name"])
    page.fill("#id_national_id", CITIZEN["national_id"])
    page.check("input[name=channel][value=email]")
    page.fill("#id_email", CITIZEN["email"])
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    step("registration filled in", axe=False)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_url("**/tai-khoan/xac-minh/")
    step("verification code asked for")
    citizen = User.objects.get(username=CITIZEN["national_id"])
    assert (citizen.kind, citizen.is_contact_verified) == ("citizen", False)
    page.fill("#id_code", _last_code(mailoutbox, CITIZEN["email"]))
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    page.wait_for_url("**/tai-khoan/ho-so/")
    step("signed in on my profile")
    citizen.refresh_from_db()
    assert citizen.email_verified_at is not None

    # 2. finds the building permit by typing without accents
    with page.expect_navigation():
        page.click("header a[href='/thu-tuc/']")
    page.locator("#id_q").press_sequentially("giay phep xay dung")
    found = page.locator("#procedure-results a", has_text="Cấp giấy phép xây dựng").first
    found.wait_for()
    step("building permit found without accents")
    with page.expect_navigation():
        found.click()
    with page.expect_navigation():
        page.click(f"a[href='/nop-truc-tuyen/{PROVINCIAL_PROCEDURE}/']")
    step("choose the case")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_url("**/nop-truc-tuyen/ho-so-nhap/**")

    # 3. fills the form (name, ID number and e-mail come from the profile) and uploads a PDF
    assert page.input_value("#id_applicant_name") == CITIZEN["full_name"]
    assert page.input_value("#id_applicant_id_number") == CITIZEN["national_id"]
    page.fill("#id_applicant_phone", "0935 246 810")
    page.fill("#id_applicant_address", "27 Yersin, phường Nha Trang")
    page.select_option("#id_service_centre", world.province_centre.code)
    page.fill("#id_land_lot_number", "218")
    page.fill("#id_floors", "3")
    page.fill("#id_ground_area_m2", "96,5")
    page.fill("#id_expected_start_on", "01/12/2025")
    page.set_input_files("#id_document_XD01", str(_small_pdf(tmp_path / "don-de-nghi.pdf")))
    step("form filled in with the application PDF")
    with page.expect_navigation():
        page.click("button[name=action][value=save]")
    assert "don-de-nghi.pdf" in page.locator("#checklist-items").inner_text()
    step("draft saved with its document")

    # 4. pays the fee in the sandbox gateway and comes back
    with page.expect_navigation():
        page.click("button[formaction$='/thanh-toan/']")
    page.wait_for_url("**/sandbox-pay/pay/**")
    step("sandbox payment page")
    page.click("#outcome-paid")
    page.wait_for_url("**/nop-truc-tuyen/ho-so-nhap/**")
    step("back from the gateway, paid")
    order = PaymentOrder.objects.get()
    assert (order.status, order.amount_vnd, order.paid_online) == ("paid", 150_000, True)

    # 5. submits: status 1, the intake clock runs
    with page.expect_navigation():
        page.click("button[name=action][value=submit]")
    page.wait_for_url("**/nop-truc-tuyen/da-nop/**")
    dossier = Dossier.objects.get()
    code = dossier.code
    assert code in page.locator(".dossier-code").inner_text()
    step("submitted, with the dossier code")
    assert (dossier.status, dossier.national_status_code) == (DossierStatus.SUBMITTED, 1)
    assert dossier.applicant_user == citizen
    assert dossier.intake_due_at == at(17, 9)  # 8 working hours
    assert dossier.payments.get().method == "online"
    assert exists_paid_online(dossier_code=code)
    assert [d.required_document.code for d in dossier.documents.all()] == ["XD01"]

    # 6. the centre accepts it and hands it on; the handler asks for a supplement (the API)
    intake = StaffApi(base, world.intake, new_page().context)
    handler = StaffApi(base, world.construction_handler, new_page().context)
    clock.set(at(16, 14))
    assert intake.act(code, "receive")["national_status_code"] == 2
    clock.set(at(16, 15))
    intake.act(code, "complete-step", {"note": "Chuyển Sở Xây dựng thẩm định"})
    assert Dossier.objects.get(pk=dossier.pk).current_agency == world.construction
    clock.set(at(17, 9))
    asked = handler.act(
        code, "request-supplement", {"items": [SUPPLEMENT_ITEM], "reason": "Thiếu giấy tờ đất"}
    )
    assert asked["national_status_code"] == 5
    dossier.refresh_from_db()
    assert (dossier.status, dossier.supplement_items) == (
        DossierStatus.AWAITING_SUPPLEMENT,
        [SUPPLEMENT_ITEM],
    )
    assert mailoutbox[-1].to == [CITIZEN["email"]]
    assert code in mailoutbox[-1].subject + mailoutbox[-1].body

    # 7. the citizen sees the request in "my dossiers" and uploads the photo
    clock.set(at(18, 10))
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("header a[href='/ho-so-cua-toi/']")
    row = page.locator("tbody tr", has_text=code)
    assert "bổ sung" in row.inner_text().lower()
    step("my dossiers: awaiting a supplement")
    with page.expect_navigation():
        row.locator(f"a[href='/ho-so-cua-toi/{code}/']").click()
    supplement = page.locator("section[aria-labelledby=supplement-title]")
    assert SUPPLEMENT_ITEM in supplement.inner_text()
    step("my dossier: the supplement asked for")
    page.set_input_files("#id_supplement_other", str(_small_jpeg(tmp_path / "so-do.jpg")))
    with page.expect_navigation():
        supplement.locator("button[type=submit]").click()
    page.wait_for_url(f"**/ho-so-cua-toi/{code}/")
    step("supplement handed in")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.documents.filter(mime_type="image/jpeg").count() == 1
    assert page.locator("section[aria-labelledby=supplement-title]").count() == 0

    # 8. processed (the API), signed and approved by the director, returned at the counter
    clock.set(at(22, 10))
    handler.act(code, "complete-step", {"note": "Đủ điều kiện cấp phép"})
    clock.set(at(23, 9))
    handler.act(code, "complete-step", {"step": 3})
    handler.act(code, "complete-step", {"step": 4, "note": "Đã có ý kiến thống nhất"})
    world_kit.install()
    credential = world_kit.register_personal(
        user=world.construction_leader, position_title="Giám đốc Sở Xây dựng"
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    draft = review_result_draft(
        reviewer=world.construction_handler,
        draft=draft_result_for_dossier(officer=world.construction_handler, dossier=dossier),
    )
    clock.set(at(24, 9))
    signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)
    _beside_the_browser(
        lambda: sign_and_approve_result(
            leader=world.construction_leader, dossier=dossier, draft=draft, signer=signer
        )
    )
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RESULT_READY
    clock.set(at(24, 15))
    returned = intake.act(
        code,
        "return-result",
        {
            "method": "counter",
            "receiver_name": CITIZEN["full_name"],
            "receiver_id_number": CITIZEN["national_id"],
        },
    )
    assert returned["national_status_code"] == 10
    assert "/danh-gia/" in mailoutbox[-1].body  # the return e-mail invites a rating

    # 9. downloads the signed result from "my dossiers"; pdfsig finds the signature valid
    page.goto(f"{base}/ho-so-cua-toi/{code}/")
    result_section = page.locator("section[aria-labelledby=result-title]")
    step("my dossier: returned, with its signed result")
    link = result_section.locator(f"a[href='/ho-so-cua-toi/{code}/ket-qua.pdf']")
    address = f"{base}{link.get_attribute('href')}"
    # Chromium shows the PDF in its viewer; the file itself is fetched with the same cookies.
    with page.expect_navigation():
        link.click()
    assert page.url == address
    fetched = page.request.get(address)
    assert fetched.headers["content-type"] == "application/pdf"
    signed = fetched.body()
    downloaded = artifacts.pdf(signed, "signed result downloaded")
    assert signed.startswith(b"%PDF-")
    nss = nss_database(tmp_path / "nss", trusted_pems=[to_pem([world_kit.authority.certificate])])
    [signature] = pdfsig(signed, folder=tmp_path, nss=nss)
    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["Certificate Validation"] == "Certificate is Trusted."
    assert signature["Signer Certificate Common Name"] == "Phạm Bảo"

    # 10. checks the file on the verification page: intact, signed by the director
    page.goto(f"{base}/xac-thuc/")
    page.set_input_files("#id_file", str(downloaded))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("[data-state]").get_attribute("data-state") == "intact"
    assert page.locator("dd[data-field=signer]").inner_text() == "Phạm Bảo"
    result = EResult.objects.get(dossier=dossier)
    assert result.verification_code in page.content()
    step("verification of the file: intact, signed by the director")
    # and at the address of the result's QR code, as a phone's camera opens it
    page.goto(f"{base}/xac-thuc/{result.verification_code}/")
    assert page.locator("[data-state]").get_attribute("data-state") == "intact"
    assert page.locator("dd[data-field=signer]").inner_text() == "Phạm Bảo"
    step("verification at the QR address: intact")

    # 11. rates the handling on the seven contents of Art. 33
    page.goto(f"{base}/ho-so-cua-toi/{code}/")
    with page.expect_navigation():
        page.click(f"a[href='/danh-gia/ho-so/{code}/']")
    step("rating form")
    for content, answer in ANSWERS.items():
        page.check(f"input[name={content}][value='{answer}']")
    page.fill("textarea[name=comment]", "Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.")
    step("rating filled in", axe=False)
    with page.expect_navigation():
        page.click("form.rating-form button[type=submit]")
    step("thanks for the rating")
    page.goto(f"{base}/ho-so-cua-toi/{code}/")
    assert page.locator(f"a[href='/danh-gia/ho-so/{code}/']").count() == 0
    assert "đã được đánh giá" in page.locator("section[aria-labelledby=result-title]").inner_text()
    step("my dossier: rated")

    # then the dossier is returned with its whole history, and the rating is stored as given
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.status, dossier.national_status_code) == (DossierStatus.RETURNED, 10)
    assert dossier.result_receiver_name == CITIZEN["full_name"]
    assert _acts(dossier) == [
        "submit",
        "receive",
        "complete-step",
        "request-supplement",
        "receive-supplement",
        "complete-step",
        "complete-step",
        "complete-step",
        "approve-result",
        "return-result",
    ]
    rating = Rating.objects.get(dossier=dossier)
    assert {content: getattr(rating, content) for content in ANSWERS} == ANSWERS
    assert (rating.channel, rating.rated_by, rating.agency) == (
        "portal",
        citizen,
        world.construction,
    )
    assert rating.comment == "Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn."
