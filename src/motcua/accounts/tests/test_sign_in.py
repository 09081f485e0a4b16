"""The sign-in pages: password, second factor, setting one up, lockout."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.accounts.pending_sign_in import SESSION_KEY
from motcua.accounts.testing import current_code
from motcua.accounts.tests.conftest import failures_recorded
from motcua.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:verify")
ENROL = reverse("accounts:enrol")
BACKUP_CODES = reverse("accounts:backup-codes")
LIMIT = 5


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# --- password -------------------------------------------------------------------------------


def test_the_sign_in_page_shows_the_form(browser: Client) -> None:
    response = browser.get(LOGIN)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_citizen_signs_in_with_a_password_alone(browser: Client, citizen: User) -> None:
    # when the citizen gives the right password
    response = sign_in(browser, "congdan")
    # then they are signed in and sent on
    assert response.status_code == 302
    assert signed_in_user_id(browser) == str(citizen.pk)


def test_a_wrong_password_and_an_unknown_username_get_the_same_answer(
    browser: Client, citizen: User
) -> None:
    # when one person mistypes a password and another tries a name that does not exist
    wrong_password = sign_in(browser, "congdan", "sai-mat-khau")
    unknown_user = sign_in(browser, "khong-ton-tai", "sai-mat-khau")
    # then both pages say the same thing, and nobody is signed in
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert _errors(wrong_password) == _errors(unknown_user) != []
    assert signed_in_user_id(browser) is None


def test_a_successful_sign_in_clears_earlier_failures(browser: Client, citizen: User) -> None:
    # given a few mistakes
    for _ in range(LIMIT - 1):
        sign_in(browser, "congdan", "sai")
    # when the right password follows
    sign_in(browser, "congdan")
    # then the count starts again
    assert failures_recorded("congdan") == 0


@pytest.mark.parametrize(
    ("next_url", "destination"),
    [
        ("/backoffice/", "/backoffice/"),
        ("https://lua-dao.example/", "/"),
        ("//lua-dao.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
    ids=["same-site", "other-site", "scheme-relative", "javascript"],
)
def test_after_signing_in_only_addresses_on_this_site_are_followed(
    browser: Client, citizen: User, next_url: str, destination: str
) -> None:
    response = sign_in(browser, "congdan", next=next_url)
    assert response["Location"] == destination


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "a\x00b", "password": "x"},
        {"username": "x" * 10_000, "password": "x"},
        {"username": "", "password": ""},
        {},
        {"username": "congdan", "password": "\x00"},
        {"username": ["a", "b"], "password": "x"},
    ],
    ids=["nul", "very-long", "empty", "missing", "nul-password", "repeated"],
)
def test_malformed_sign_in_input_gets_the_form_again(browser: Client, fields: Any) -> None:
    response = browser.post(LOGIN, fields)
    assert response.status_code == 200
    assert signed_in_user_id(browser) is None


# --- lockout --------------------------------------------------------------------------------


def test_repeated_wrong_passwords_lock_the_account_and_say_until_when(
    browser: Client, citizen: User
) -> None:
    # given four wrong passwords
    for _ in range(LIMIT - 1):
        sign_in(browser, "congdan", "sai")
    # when the fifth is wrong too
    response = sign_in(browser, "congdan", "sai")
    # then the page says, in Vietnamese, the account is locked and until when (hh:mm dd/mm/yyyy)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tài khoản đã bị tạm khóa" in text
    assert re.search(r"thử lại sau \d\d:\d\d \d\d/\d\d/\d{4}", text)
    assert 0 < int(response["Retry-After"]) <= 15 * 60


def test_a_locked_account_is_refused_even_with_the_right_password(
    browser: Client, citizen: User
) -> None:
    # given a locked account
    for _ in range(LIMIT):
        sign_in(browser, "congdan", "sai")
    # when the right password is given
    response = sign_in(browser, "congdan")
    # then sign-in is still refused
    assert response.status_code == 429
    assert signed_in_user_id(browser) is None


def test_an_unknown_username_is_locked_the_same_way(browser: Client, citizen: User) -> None:
    # when someone guesses at a name that does not exist, and at one that does
    for _ in range(LIMIT):
        unknown = sign_in(browser, "khong-ton-tai", "sai")
        known = sign_in(browser, "congdan", "sai")
    # then both end locked, with the same kind of page: nothing tells them apart
    assert unknown.status_code == known.status_code == 429


def test_locking_one_account_leaves_others_at_the_same_desk_alone(
    browser: Client, citizen: User, officer: User
) -> None:
    # given one account locked from this address
    for _ in range(LIMIT):
        sign_in(browser, "congdan", "sai")
    # when a colleague signs in from the same address
    response = sign_in(Client(REMOTE_ADDR="10.0.0.7"), "canbo")
    # then the colleague is not affected
    assert response.status_code == 302


# --- second factor --------------------------------------------------------------------------


def test_an_officer_with_an_app_is_asked_for_a_code_before_being_signed_in(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # when the password is right
    response = sign_in(browser, "canbo")
    # then the code step follows and nobody is signed in yet
    assert response["Location"] == VERIFY
    assert signed_in_user_id(browser) is None
    assert browser.get(VERIFY).status_code == 200


def test_the_password_step_gives_the_session_a_new_key(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given a session key from before signing in
    browser.get(LOGIN)
    browser.session.save()
    before = browser.session.session_key
    # when the password is accepted
    sign_in(browser, "canbo")
    # then the half-done sign-in lives under a new key
    assert browser.session.session_key != before


def test_the_right_code_completes_a_verified_sign_in(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given the password step passed
    sign_in(browser, "canbo", next="/backoffice/")
    # when the app's code is typed
    response = browser.post(VERIFY, {"code": current_code(officer_device)})
    # then the officer is signed in, verified by the app, and sent where they were going
    assert response["Location"] == "/backoffice/"
    assert signed_in_user_id(browser) == str(officer_device.user_id)
    assert browser.session[DEVICE_ID_SESSION_KEY] == officer_device.persistent_id
    assert SESSION_KEY not in browser.session


def test_a_wrong_code_keeps_the_person_out_and_counts_as_a_failure(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given the password step passed
    sign_in(browser, "canbo")
    # when a wrong code is typed
    response = browser.post(VERIFY, {"code": "000000"})
    # then the code step is shown again with an error, and the failure is counted
    assert response.status_code == 200
    assert _errors(response) != []
    assert signed_in_user_id(browser) is None
    assert failures_recorded("canbo") == 1


def test_wrong_codes_lock_the_account_like_wrong_passwords(
    browser: Client, officer_device: TOTPDevice, no_code_throttling: None
) -> None:
    # given the password step passed
    sign_in(browser, "canbo")
    # when wrong codes reach the limit
    for _ in range(LIMIT):
        response = browser.post(VERIFY, {"code": "000000"})
    # then the account is locked and the half-done sign-in forgotten
    assert response.status_code == 429
    assert SESSION_KEY not in browser.session
    assert browser.get(VERIFY)["Location"] == LOGIN


def test_the_right_code_is_refused_while_the_account_is_locked(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given the password step passed, then the account locked from elsewhere
    sign_in(browser, "canbo")
    other = Client()
    for _ in range(LIMIT):
        sign_in(other, "canbo", "sai")
    # when the right code is typed
    response = browser.post(VERIFY, {"code": current_code(officer_device)})
    # then it is refused
    assert response.status_code == 429
    assert signed_in_user_id(browser) is None


def test_the_code_step_without_the_password_step_sends_back_to_sign_in(browser: Client) -> None:
    assert browser.post(VERIFY, {"code": "123456"})["Location"] == LOGIN


def test_a_half_done_sign_in_expires_after_ten_minutes(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given the password step passed eleven minutes ago
    sign_in(browser, "canbo")
    session = browser.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "started_at": 0}
    session.save()
    # when the right code is typed
    response = browser.post(VERIFY, {"code": current_code(officer_device)})
    # then the person must start again
    assert response["Location"] == LOGIN
    assert signed_in_user_id(browser) is None


@pytest.mark.parametrize("code", ["", "x" * 5000, "12\x0034", "<script>", "１２３"])
def test_malformed_codes_get_the_form_again(
    browser: Client, officer_device: TOTPDevice, code: str
) -> None:
    sign_in(browser, "canbo")
    response = browser.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert signed_in_user_id(browser) is None


# --- setting up an app ----------------------------------------------------------------------


def test_an_administrator_without_an_app_must_set_one_up(
    browser: Client, administrator: User
) -> None:
    # when the password is right
    response = sign_in(browser, "quantri")
    # then set-up follows and nobody is signed in yet
    assert response["Location"] == ENROL
    assert signed_in_user_id(browser) is None


def test_an_officer_without_an_app_signs_in_with_a_password_unless_the_deployment_requires_one(
    browser: Client, officer: User, settings: Any
) -> None:
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    assert sign_in(browser, "canbo")["Location"] == ENROL
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    assert sign_in(Client(), "canbo")["Location"] == "/"


def test_setting_up_shows_a_qr_code_drawn_on_the_server(
    browser: Client, administrator: User
) -> None:
    # given the password step passed
    sign_in(browser, "quantri")
    # when set-up is started
    browser.post(ENROL, {"action": "start"})
    page = browser.get(ENROL).content.decode()
    # then the page holds an inline SVG QR code and the key for typing in, no outside image
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=administrator)
    assert device.config_url not in page
    assert "<img" not in page
    assert re.search(r"<code>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", page)


def test_confirming_the_app_signs_in_and_shows_backup_codes_once(
    browser: Client, administrator: User
) -> None:
    # given set-up started during sign-in
    sign_in(browser, "quantri", next="/admin/")
    browser.post(ENROL, {"action": "start"})
    device = TOTPDevice.objects.get(user=administrator)
    # when the app's code is typed
    response = browser.post(ENROL, {"action": "confirm", "code": current_code(device)})
    # then the administrator is signed in, verified, and sees ten backup codes once
    assert response["Location"] == BACKUP_CODES
    assert signed_in_user_id(browser) == str(administrator.pk)
    assert browser.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    first = browser.get(BACKUP_CODES)
    assert "no-store" in first["Cache-Control"]
    assert len(re.findall(r"<code>[a-z2-7]{8}</code>", first.content.decode())) == 10
    assert 'href="/admin/"' in first.content.decode()
    second = browser.get(BACKUP_CODES).content.decode()
    assert not re.findall(r"<code>[a-z2-7]{8}</code>", second)


def test_a_wrong_code_during_set_up_shows_the_qr_code_again(
    browser: Client, administrator: User
) -> None:
    sign_in(browser, "quantri")
    browser.post(ENROL, {"action": "start"})
    response = browser.post(ENROL, {"action": "confirm", "code": "000000"})
    assert response.status_code == 200
    assert _errors(response) != []
    assert "<svg" in response.content.decode()
    assert signed_in_user_id(browser) is None


def test_a_signed_in_officer_may_set_up_an_app_voluntarily(browser: Client, officer: User) -> None:
    # given an officer signed in with a password (not required to use an app)
    sign_in(browser, "canbo")
    # when they set up an app
    browser.post(ENROL, {"action": "start"})
    device = TOTPDevice.objects.get(user=officer)
    browser.post(ENROL, {"action": "confirm", "code": current_code(device)})
    # then this session counts as verified and the next sign-in asks for a code
    assert browser.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert sign_in(Client(), "canbo")["Location"] == VERIFY


def test_set_up_is_not_offered_again_once_an_app_is_confirmed(
    browser: Client, officer_device: TOTPDevice
) -> None:
    # given the password step passed for an officer who has an app
    sign_in(browser, "canbo")
    # when the set-up page is asked for
    response = browser.post(ENROL, {"action": "start"})
    # then the code step is where they belong, and no second device appeared
    assert response["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=officer_device.user).count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"action": "other"},
        {"action": "confirm"},
        {"action": "confirm", "code": "12\x0034"},
        {"action": "confirm", "code": ["1", "2"]},
        {"action": ["start", "confirm"]},
    ],
    ids=["empty", "unknown-action", "no-code", "nul", "repeated-code", "repeated-action"],
)
def test_malformed_set_up_input_gets_the_page_again(
    browser: Client, administrator: User, fields: Any
) -> None:
    sign_in(browser, "quantri")
    response = browser.post(ENROL, fields)
    assert response.status_code in {200, 302}
    assert signed_in_user_id(browser) is None


def test_set_up_needs_a_password_first(browser: Client) -> None:
    response = browser.get(ENROL)
    assert response["Location"].startswith(LOGIN)


def _errors(response: Any) -> list[str]:
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode())
