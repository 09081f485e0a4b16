"""Verification codes, contact changes, the profile prefill and e-identity accounts."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from structlog.testing import capture_logs

from motcua.accounts.choices import ContactChannel, VerificationPurpose
from motcua.accounts.citizen_services import (
    MAX_CODE_ATTEMPTS,
    ProvedIdentity,
    Registration,
    change_contact_details,
    link_identity,
    normalize_phone,
    register_applicant,
    send_verification_code,
    sign_in_with_identity,
    verify_contact,
)
from motcua.accounts.errors import (
    CodeSentTooRecently,
    IdentityInUse,
    IdentityMismatch,
    IdentityNeedsLinking,
    InvalidVerificationCode,
    LastContactRequired,
    NationalIdTaken,
    TooManyCodeAttempts,
    TooManyCodesSent,
    VerificationCodeExpired,
)
from motcua.accounts.events import ApplicantRegistered, ContactVerified
from motcua.accounts.models import User, VerificationCode
from motcua.accounts.queries import profile_prefill
from motcua.accounts.tests.factories import PASSWORD, UserFactory
from motcua.audit.models import AuditEntry
from motcua.core import events, sms
from motcua.core.clock import now
from motcua.core.sms import ConsoleSmsBackend, TextMessage

pytestmark = pytest.mark.django_db

PURPOSE = VerificationPurpose.REGISTRATION


@pytest.fixture(autouse=True)
def _empty_sms_outbox() -> None:
    sms.outbox.clear()


@pytest.fixture
def no_resend_wait(settings: Any) -> None:
    settings.VERIFICATION_RESEND_SECONDS = 0


def registered(**changes: str) -> User:
    values = {
        "kind": "citizen",
        "full_name": "Trần Văn Đức",
        "password": PASSWORD,
        "channel": ContactChannel.PHONE,
        "phone": "0987654321",
        "national_id": "056052000202",
    } | changes
    return register_applicant(registration=Registration(**values)).user


def code_in(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match is not None
    return match.group(1)


def last_sms_code() -> str:
    return code_in(sms.outbox[-1].text)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_registration_writes_an_audit_row_without_personal_data_and_publishes_an_event(
    django_capture_on_commit_callbacks: Any,
) -> None:
    heard: list[ApplicantRegistered] = []
    events.subscribe(ApplicantRegistered, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            user = registered()
    finally:
        events.unsubscribe(ApplicantRegistered, heard.append)
    row = AuditEntry.objects.get(action="account.registered")
    assert row.after == {"kind": "citizen", "channel": "phone"}
    assert heard == [ApplicantRegistered(user_id=user.pk, kind="citizen")]


def test_the_code_is_stored_only_as_a_keyed_digest() -> None:
    user = registered()
    code = last_sms_code()
    row = VerificationCode.objects.get(user=user)
    assert code not in row.digest
    assert len(row.digest) == 64


def test_a_right_code_proves_the_phone_and_publishes_an_event(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = registered()
    heard: list[ContactVerified] = []
    events.subscribe(ContactVerified, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            verified = verify_contact(user=user, purpose=PURPOSE, code=last_sms_code())
    finally:
        events.unsubscribe(ContactVerified, heard.append)
    assert verified.phone_verified_at is not None
    assert AuditEntry.objects.filter(action="account.contact_verified").count() == 1
    assert heard == [ContactVerified(user_id=user.pk, channel="phone")]


def test_a_code_typed_with_spaces_is_accepted() -> None:
    user = registered()
    code = last_sms_code()
    verified = verify_contact(user=user, purpose=PURPOSE, code=f" {code[:3]} {code[3:]} ")
    assert verified.is_contact_verified


def test_a_code_typed_in_full_width_digits_is_accepted() -> None:
    user = registered()
    full_width = "".join(chr(ord(digit) + 0xFEE0) for digit in last_sms_code())
    assert verify_contact(user=user, purpose=PURPOSE, code=full_width).is_contact_verified


def test_an_expired_code_is_refused() -> None:
    # given a code whose ten minutes are over
    user = registered()
    code = last_sms_code()
    VerificationCode.objects.filter(user=user).update(expires_at=now() - timedelta(seconds=1))
    # when it is entered, then it is refused as expired
    with pytest.raises(VerificationCodeExpired):
        verify_contact(user=user, purpose=PURPOSE, code=code)
    user.refresh_from_db()
    assert user.phone_verified_at is None


def test_a_used_code_cannot_be_replayed() -> None:
    user = registered()
    code = last_sms_code()
    verify_contact(user=user, purpose=PURPOSE, code=code)
    with pytest.raises(VerificationCodeExpired):
        verify_contact(user=user, purpose=PURPOSE, code=code)


def test_a_new_code_replaces_the_earlier_one(no_resend_wait: None) -> None:
    user = registered()
    first = last_sms_code()
    send_verification_code(user=user, purpose=PURPOSE, channel=ContactChannel.PHONE)
    second = last_sms_code()
    if first != second:
        with pytest.raises((InvalidVerificationCode, VerificationCodeExpired)):
            verify_contact(user=user, purpose=PURPOSE, code=first)
    assert verify_contact(user=user, purpose=PURPOSE, code=second).is_contact_verified


def test_wrong_codes_count_and_the_fifth_spends_the_code() -> None:
    # given a code and four wrong guesses
    user = registered()
    code = last_sms_code()
    for _ in range(MAX_CODE_ATTEMPTS):
        with pytest.raises(InvalidVerificationCode):
            verify_contact(user=user, purpose=PURPOSE, code=wrong(code))
    # when even the right code comes next, then it is refused: too many attempts
    with pytest.raises(TooManyCodeAttempts):
        verify_contact(user=user, purpose=PURPOSE, code=code)
    assert VerificationCode.objects.get(user=user).failed_attempts == MAX_CODE_ATTEMPTS


def test_a_second_code_within_the_wait_is_refused() -> None:
    user = registered()
    with pytest.raises(CodeSentTooRecently) as refusal:
        send_verification_code(user=user, purpose=PURPOSE, channel=ContactChannel.PHONE)
    assert 0 < refusal.value.wait_seconds <= 60
    assert len(sms.outbox) == 1


def test_codes_per_hour_are_limited_per_account(settings: Any, no_resend_wait: None) -> None:
    settings.VERIFICATION_CODES_PER_HOUR = 3
    user = registered()
    for _ in range(2):
        send_verification_code(user=user, purpose=PURPOSE, channel=ContactChannel.PHONE)
    with pytest.raises(TooManyCodesSent):
        send_verification_code(user=user, purpose=PURPOSE, channel=ContactChannel.PHONE)
    assert len(sms.outbox) == 3


def test_codes_per_hour_are_limited_per_phone_across_accounts(
    settings: Any, no_resend_wait: None
) -> None:
    # given a phone that already received the hour's codes through other registrations
    settings.VERIFICATION_CODES_PER_HOUR = 2
    registered(national_id="056052000202")
    registered(national_id="056052000203")
    # when a third account names the same phone, then no code goes out
    third = register_applicant(
        registration=Registration(
            kind="citizen",
            full_name="Lê Văn Ba",
            password=PASSWORD,
            channel=ContactChannel.PHONE,
            phone="0987654321",
            national_id="056052000204",
        )
    )
    assert isinstance(third.code_refusal, TooManyCodesSent)
    assert len(sms.outbox) == 2


def test_the_console_sms_backend_masks_the_phone() -> None:
    with capture_logs() as logs:
        ConsoleSmsBackend().send(TextMessage(to="0912345678", text="mã 123456"))
    assert logs[0]["recipient"] == "091*****78"
    assert "0912345678" not in repr(logs)


def test_an_email_code_goes_by_mail() -> None:
    user = registered(channel=ContactChannel.EMAIL, email="hoa@example.vn", phone="")
    assert mail.outbox[-1].to == ["hoa@example.vn"]
    code = code_in(mail.outbox[-1].body)
    assert verify_contact(user=user, purpose=PURPOSE, code=code).email_verified_at is not None


def test_a_new_email_counts_only_once_its_code_is_entered() -> None:
    # given a citizen with a proved e-mail who types a new one
    user = UserFactory(email="cu@example.vn")
    change = change_contact_details(user=user, email="moi@example.vn", phone="", address="")
    user.refresh_from_db()
    # then the old address stays until the code comes back
    assert change.pending_channels == ["email"]
    assert user.email == "cu@example.vn"
    verify_contact(
        user=user, purpose=VerificationPurpose.CONTACT_CHANGE, code=code_in(mail.outbox[-1].body)
    )
    user.refresh_from_db()
    assert user.email == "moi@example.vn"


def test_a_new_email_and_a_new_phone_each_get_a_code_at_once() -> None:
    user = UserFactory(email="cu@example.vn")
    change = change_contact_details(
        user=user, email="moi@example.vn", phone="0912345678", address=""
    )
    assert change.pending_channels == ["email", "phone"]
    assert (len(mail.outbox), len(sms.outbox)) == (1, 1)


def test_the_address_changes_at_once_and_is_audited_masked() -> None:
    user = UserFactory()
    change_contact_details(user=user, email=user.email, phone="", address="12 Trần Phú, Nha Trang")
    user.refresh_from_db()
    assert user.address == "12 Trần Phú, Nha Trang"
    row = AuditEntry.objects.get(action="account.contact_details_changed")
    assert row.after == {"fields": ["address"]}


def test_removing_the_only_verified_contact_is_refused() -> None:
    user = UserFactory(email="an@example.vn")
    with pytest.raises(LastContactRequired):
        change_contact_details(user=user, email="", phone="", address="")


def test_the_prefill_offers_only_proved_contacts() -> None:
    user = UserFactory(
        national_id="056190000101", phone="0912345678", phone_verified_at=None, address="Cam Lâm"
    )
    details = profile_prefill(user=user)
    assert details["national_id"] == "056190000101"
    assert details["email"] == user.email
    assert details["phone"] == ""
    assert details["address"] == "Cam Lâm"


def test_an_identity_opens_a_citizen_account_with_its_id_number() -> None:
    identity = ProvedIdentity(
        provider="local", subject="abc", national_id="056190000101", full_name="Nguyễn Thị Hoa"
    )
    user = sign_in_with_identity(identity=identity)
    assert (user.kind, user.national_id, user.external_subject) == (
        "citizen",
        "056190000101",
        "local:abc",
    )
    assert not user.has_usable_password()
    assert sign_in_with_identity(identity=identity) == user


def test_an_identity_whose_id_number_has_a_password_account_must_be_linked() -> None:
    UserFactory(national_id="056190000101")
    identity = ProvedIdentity(provider="local", subject="abc", national_id="056190000101")
    with pytest.raises(IdentityNeedsLinking):
        sign_in_with_identity(identity=identity)


def test_linking_records_the_subject_on_the_signed_in_account() -> None:
    user = UserFactory(national_id="056190000101")
    identity = ProvedIdentity(provider="local", subject="abc", national_id="056190000101")
    linked = link_identity(user=user, identity=identity)
    assert linked.external_subject == "local:abc"
    assert AuditEntry.objects.filter(action="account.identity_linked").count() == 1


def test_linking_an_identity_proving_another_id_number_is_refused() -> None:
    user = UserFactory(national_id="056190000101")
    with pytest.raises(IdentityMismatch):
        link_identity(
            user=user,
            identity=ProvedIdentity(provider="local", subject="x", national_id="079098000303"),
        )


def test_linking_an_identity_held_by_another_account_is_refused() -> None:
    UserFactory(external_subject="local:abc")
    user = UserFactory()
    with pytest.raises(IdentityInUse):
        link_identity(user=user, identity=ProvedIdentity(provider="local", subject="abc"))


def test_an_id_number_held_by_an_account_never_proved_for_a_day_is_released() -> None:
    # given someone who registered the ID number two days ago and never entered the code
    squatter = registered()
    User.objects.filter(pk=squatter.pk).update(date_joined=now() - timedelta(days=2))
    sms.outbox.clear()
    # when its owner registers
    owner = registered(phone="0911111111")
    # then the owner holds the ID number and the old account is renamed and switched off
    squatter.refresh_from_db()
    assert owner.national_id == "056052000202"
    assert (squatter.national_id, squatter.is_active) == ("", False)
    assert squatter.username == f"unverified-{squatter.pk}"
    assert AuditEntry.objects.filter(action="account.unverified_released").count() == 1


def test_an_id_number_registered_today_is_not_released_yet() -> None:
    registered()
    with pytest.raises(NationalIdTaken):
        registered(phone="0911111111")


def test_an_identity_takes_its_id_number_from_an_account_never_proved() -> None:
    squatter = registered()
    user = sign_in_with_identity(
        identity=ProvedIdentity(provider="local", subject="abc", national_id="056052000202")
    )
    squatter.refresh_from_db()
    assert user.national_id == "056052000202"
    assert not squatter.is_active


def test_only_the_contact_being_proved_is_kept_at_registration() -> None:
    user = registered(email="duc@example.vn")
    assert (user.phone, user.email) == ("0987654321", "")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0912 345 678", "0912345678"),
        ("０９１２３４５６７８", "0912345678"),
        ("+84 912-345-678", "+84912345678"),
    ],
)
def test_phones_are_kept_as_ascii_digits(typed: str, kept: str) -> None:
    assert normalize_phone(typed) == kept
