"""Registration pages: a citizen or business opens an account and proves an e-mail or phone."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.accounts.testing import current_code
from motcua.accounts.tests.factories import PASSWORD, UserFactory
from motcua.core import sms

pytestmark = pytest.mark.django_db

REGISTER = reverse("applicant:register")
VERIFY = reverse("applicant:verify")
LOGIN = reverse("accounts:login")
PROFILE = reverse("applicant:profile")
CITIZEN = {
    "kind": "citizen",
    "full_name": "Nguyễn Thị Hoa",
    "national_id": "056190000101",
    "channel": "phone",
    "phone": "0912 345 678",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
BUSINESS = {
    "kind": "business",
    "full_name": "Lê Minh Khôi",
    "tax_code": "4201234567",
    "organization_name": "Công ty TNHH Nông sản Cam Lâm",
    "channel": "email",
    "email": "ketoan@nongsan.vn",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture(autouse=True)
def _empty_sms_outbox() -> None:
    sms.outbox.clear()


def last_code() -> str:
    texts = [message.text for message in sms.outbox] + [message.body for message in mail.outbox]
    match = re.search(r"\b(\d{6})\b", texts[-1])
    assert match is not None
    return match.group(1)


def field_errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_citizen_registers_and_is_signed_in_once_the_sms_code_is_entered(
    browser: Client,
) -> None:
    # given a person who registered with a phone
    response = browser.post(REGISTER, CITIZEN)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    user = User.objects.get(username="056190000101")
    assert not user.is_contact_verified
    assert sms.outbox[-1].to == "0912345678"
    # when they enter the code from the text message
    response = browser.post(VERIFY, {"action": "verify", "code": last_code()})
    # then the phone is proved and they are signed in on their profile page
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    user.refresh_from_db()
    assert user.phone_verified_at is not None
    assert browser.session["_auth_user_id"] == str(user.pk)


def test_a_business_registers_with_its_tax_code_and_an_email(browser: Client) -> None:
    # when a clerk registers the business, asking for the code by e-mail
    response = browser.post(REGISTER, BUSINESS)
    browser.post(VERIFY, {"action": "verify", "code": last_code()})
    # then the account's username is the tax code and the e-mail is proved
    assert response.status_code == 302
    user = User.objects.get(username="4201234567")
    assert (user.kind, user.organization_name) == ("business", "Công ty TNHH Nông sản Cam Lâm")
    assert user.email_verified_at is not None
    assert mail.outbox[-1].to == ["ketoan@nongsan.vn"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"national_id": ""}, "national_id"),
        ({"national_id": "05619000010"}, "national_id"),
        ({"national_id": "05619000010X"}, "national_id"),
        ({"full_name": ""}, "full_name"),
        ({"phone": ""}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"channel": "email", "email": ""}, "email"),
        ({"channel": "email", "email": "not-an-address"}, "email"),
        ({"channel": "pigeon"}, "channel"),
        ({"kind": "staff"}, "kind"),
        ({"password2": "Một-mật-khẩu-khác-2025"}, "password2"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1"),
        ({"password1": "matkhau", "password2": "matkhau"}, "password1"),
    ],
)
def test_a_registration_with_a_bad_field_is_refused_on_that_field(
    browser: Client, changes: dict[str, str], field: str
) -> None:
    # when a person sends the form with one bad field
    response = browser.post(REGISTER, CITIZEN | changes)
    # then the page comes back with an error on that field, and no account exists
    assert response.status_code == 200
    assert field in field_errors(response)
    assert not User.objects.filter(kind__in=["citizen", "business"]).exists()
    assert sms.outbox == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tax_code": ""}, "tax_code"),
        ({"tax_code": "42012345"}, "tax_code"),
        ({"tax_code": "4201234567-01"}, "tax_code"),
        ({"organization_name": ""}, "organization_name"),
    ],
)
def test_a_business_registration_needs_a_tax_code_and_a_name(
    browser: Client, changes: dict[str, str], field: str
) -> None:
    response = browser.post(REGISTER, BUSINESS | changes)
    assert response.status_code == 200
    assert field in field_errors(response)
    assert not User.objects.filter(kind="business").exists()


def test_a_branch_tax_code_with_three_more_digits_is_accepted(browser: Client) -> None:
    response = browser.post(REGISTER, BUSINESS | {"tax_code": "4201234567-001"})
    assert response.status_code == 302
    assert User.objects.filter(username="4201234567-001").exists()


def test_registering_an_id_number_already_in_use_is_refused(browser: Client) -> None:
    # given an account holding the ID number
    UserFactory(username="someone", national_id=CITIZEN["national_id"])
    # when another registration names it
    response = browser.post(REGISTER, CITIZEN)
    # then the ID number field says so and no second account is made
    assert response.status_code == 200
    assert "national_id" in field_errors(response)
    assert User.objects.filter(national_id=CITIZEN["national_id"]).count() == 1


def test_registering_a_tax_code_already_in_use_is_refused(browser: Client) -> None:
    UserFactory(username=BUSINESS["tax_code"], kind="business")
    response = browser.post(REGISTER, BUSINESS)
    assert response.status_code == 200
    assert "tax_code" in field_errors(response)


def test_an_unverified_account_cannot_sign_in_and_is_sent_to_the_code_page(
    browser: Client,
) -> None:
    # given an account whose code was never entered
    browser.post(REGISTER, CITIZEN)
    other = Client()
    # when the person signs in with the right password from another browser
    response = other.post(LOGIN, {"username": CITIZEN["national_id"], "password": PASSWORD})
    # then nobody is signed in and the code page is shown
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert "_auth_user_id" not in other.session


def test_an_unverified_account_with_a_wrong_password_gets_the_usual_refusal(
    browser: Client,
) -> None:
    browser.post(REGISTER, CITIZEN)
    other = Client()
    response = other.post(LOGIN, {"username": CITIZEN["national_id"], "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "__all__" in response.context["form"].errors


def test_a_wrong_code_on_the_page_is_refused_on_the_code_field(browser: Client) -> None:
    browser.post(REGISTER, CITIZEN)
    wrong = "000000" if last_code() != "000000" else "111111"
    response = browser.post(VERIFY, {"action": "verify", "code": wrong})
    assert response.status_code == 200
    assert "code" in field_errors(response)
    assert "_auth_user_id" not in browser.session


def test_asking_for_a_new_code_at_once_is_refused_with_a_wait(browser: Client) -> None:
    # given a registration that just sent a code
    browser.post(REGISTER, CITIZEN)
    # when the person asks for another straight away
    response = browser.post(VERIFY, {"action": "resend"}, follow=True)
    # then no second message goes out and the page says to wait
    assert len(sms.outbox) == 1
    assert any(
        "seconds" in str(message) or "giây" in str(message)
        for message in response.context["messages"]
    )


def test_the_code_page_masks_where_the_code_went(browser: Client) -> None:
    browser.post(REGISTER, CITIZEN)
    page = browser.get(VERIFY).content.decode()
    assert "091*****78" in page
    assert "0912345678" not in page


def test_the_error_summary_links_to_each_invalid_field(browser: Client) -> None:
    # when a form comes back with errors
    response = browser.post(REGISTER, CITIZEN | {"national_id": "123", "phone": ""})
    page = response.content.decode()
    # then the summary at the top links to each field, and each field is marked invalid
    assert 'id="error-summary"' in page
    assert 'href="#id_national_id"' in page
    assert 'href="#id_phone"' in page
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_national_id"', page)


def test_an_id_number_typed_in_full_width_digits_is_accepted(browser: Client) -> None:
    response = browser.post(REGISTER, CITIZEN | {"national_id": "０５６１９００００１０１"})
    assert response.status_code == 302
    assert User.objects.filter(national_id="056190000101").exists()


def test_an_id_number_in_another_scripts_digits_is_refused(browser: Client) -> None:
    response = browser.post(REGISTER, CITIZEN | {"national_id": "٠٥٦١٩٠٠٠٠١٠١"})
    assert response.status_code == 200
    assert "national_id" in field_errors(response)


def test_the_code_page_forgets_a_registration_after_an_hour(browser: Client) -> None:
    browser.post(REGISTER, CITIZEN)
    session = browser.session
    session["accounts.pending_verification"]["started_at"] -= 3601
    session.save()
    response = browser.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_a_citizen_may_add_an_authenticator_app_and_is_then_asked_for_its_code(
    browser: Client,
) -> None:
    # given a verified citizen who set up an authenticator app from the profile page
    citizen = UserFactory(username="056190000101")
    browser.force_login(citizen)
    browser.post(reverse("accounts:enrol"), {"action": "start"})
    device = TOTPDevice.objects.get(user=citizen)
    browser.post(reverse("accounts:enrol"), {"action": "confirm", "code": current_code(device)})
    browser.logout()
    # when they sign in with the password
    response = browser.post(LOGIN, {"username": "056190000101", "password": PASSWORD})
    # then the code from the app is asked for before they are signed in
    assert response["Location"] == reverse("accounts:verify")
    assert "_auth_user_id" not in browser.session


def test_a_registration_whose_code_cannot_be_sent_still_reaches_the_code_page(
    browser: Client, settings: Any
) -> None:
    # given a phone that already received the hour's codes
    settings.VERIFICATION_CODES_PER_HOUR = 0
    # when a person registers with it
    response = browser.post(REGISTER, CITIZEN, follow=True)
    # then the account waits on the code page, which says why no code came
    assert response.redirect_chain[-1][0] == VERIFY
    assert User.objects.filter(username=CITIZEN["national_id"]).exists()
    assert sms.outbox == []
    assert any(
        "hour" in str(message) or "giờ" in str(message) for message in response.context["messages"]
    )


def test_a_new_phone_on_the_profile_page_is_saved_once_its_code_is_entered(
    browser: Client,
) -> None:
    # given a signed-in citizen who types a new phone on the profile page
    citizen = UserFactory()
    browser.force_login(citizen)
    response = browser.post(PROFILE, {"email": citizen.email, "phone": "0912 345 678"})
    assert response["Location"] == reverse("applicant:profile-verify")
    citizen.refresh_from_db()
    assert citizen.phone == ""
    # when they enter the code sent to it
    response = browser.post(
        reverse("applicant:profile-verify"), {"action": "verify", "code": last_code()}
    )
    # then the phone is saved, proved, and offered to application forms
    assert response["Location"] == PROFILE
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.phone_verified_at is not None) == ("0912345678", True)
    assert "0912345678" in browser.get(PROFILE).content.decode()


def test_removing_the_only_proved_contact_on_the_profile_page_is_refused(
    browser: Client,
) -> None:
    citizen = UserFactory()
    browser.force_login(citizen)
    response = browser.post(PROFILE, {"email": "", "phone": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    citizen.refresh_from_db()
    assert citizen.email
