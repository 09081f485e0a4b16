"""The intake form works from the keyboard alone, as counters do at speed.

The first field has the focus when the form opens; Tab walks the fields in reading order (no
positive tabindex); a form sent with errors is announced (an alert that takes the focus and
links each error to its field); Alt+S receives and Alt+P prints the supplement request.
"""

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.backoffice.tests.browser.test_dossier_journey import PASSWORD, _sign_in
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE, World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
APPLICANT_FIELDS = [
    "id_applicant_name",
    "id_applicant_id_number",
    "id_applicant_address",
    "id_applicant_phone",
    "id_applicant_email",
    "id_applicant_kind",
]


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


@pytest.fixture
def counter(live_server, world: World, settings, new_page, artifacts) -> Any:
    """The commune's intake officer signed in, on the birth registration's intake form."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    officer = world.commune_intake
    officer.set_password(PASSWORD)
    officer.save()
    TOTPDevice.objects.create(user=officer, name="authenticator app", confirmed=True)
    page = new_page()
    # The machine running the tests may be loaded; the server's first answer imports the most.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(120_000)
    _sign_in(page, live_server.url, officer, artifacts, who="intake officer")
    page.goto(f"{live_server.url}/backoffice/tiep-nhan/?procedure={COMMUNE_PROCEDURE}")
    page.wait_for_selector("#id_applicant_name")
    return page


def test_the_form_opens_with_the_focus_on_the_applicants_name(counter, artifacts) -> None:
    artifacts.shot(counter, "intake form opened")
    assert focused(counter) == "id_applicant_name"


def test_tab_walks_the_fields_in_reading_order(counter) -> None:
    # given the focus on the first field
    order = [focused(counter)]
    # when Tab is pressed through the applicant's part and into the checklist
    for _ in range(len(APPLICANT_FIELDS)):
        counter.keyboard.press("Tab")
        order.append(focused(counter))
    # then the fields come as they read, then the first paper of the checklist
    assert order[: len(APPLICANT_FIELDS)] == APPLICANT_FIELDS
    first_paper = counter.locator(".checklist input[type=checkbox]").first.get_attribute("id")
    assert order[-1] == first_paper
    assert counter.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0


def test_errors_are_announced_and_lead_to_their_field(counter, artifacts) -> None:
    # when the form is sent empty with Enter
    with counter.expect_navigation():
        counter.keyboard.press("Enter")
    # then an alert has the focus, says what to correct, and its link goes to the field
    artifacts.shot(counter, "errors announced")
    summary = counter.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert focused(counter) == "error-summary"
    assert "Họ và tên người nộp" in summary.inner_text()
    assert counter.get_attribute("#id_applicant_name", "aria-invalid") == "true"
    counter.keyboard.press("Tab")
    counter.keyboard.press("Enter")
    assert counter.evaluate("location.hash") == "#id_applicant_name"
    assert Dossier.objects.count() == 0


def test_alt_s_receives_the_dossier(counter, artifacts) -> None:
    # given the applicant typed in and the mandatory papers ticked with the space bar
    counter.keyboard.type("Lê Thị Hồng")
    boxes = counter.locator(".checklist input[type=checkbox]")
    for position in range(2):
        boxes.nth(position).focus()
        counter.keyboard.press("Space")
    artifacts.shot(counter, "typed and ticked from the keyboard")
    # when Alt+S is pressed
    with counter.expect_navigation():
        counter.keyboard.press("Alt+s")
    # then the dossier is received and the receipt's print link has the focus
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == "Lê Thị Hồng"
    assert str(dossier.status) == "received"
    artifacts.shot(counter, "received with alt s")
    assert counter.evaluate("document.activeElement.textContent").strip().startswith("In Giấy")


def test_the_shortcuts_are_declared_and_said(counter) -> None:
    assert counter.get_attribute("#receive-button", "accesskey") == "s"
    assert counter.locator("button[accesskey=p]").count() == 1
    assert "Alt+S" in counter.locator("#intake-keys").inner_text()
