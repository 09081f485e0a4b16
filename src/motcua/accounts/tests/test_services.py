from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.accounts.errors import (
    AlreadyEnrolled,
    EnrolmentNotStarted,
    InvalidLifetime,
    InvalidOneTimeCode,
    InvalidTokenName,
    NotStaff,
    TokenAlreadyRevoked,
    TooManyCodeAttempts,
    UsernameTaken,
)
from motcua.accounts.events import (
    ApiTokenIssued,
    ApiTokenRevoked,
    StaffUserCreated,
    TwoFactorEnabled,
)
from motcua.accounts.models import ApiToken, User
from motcua.accounts.services import (
    BACKUP_CODE_COUNT,
    confirm_totp_device,
    create_staff_user,
    enrol_totp_device,
    issue_api_token,
    record_api_token_use,
    revoke_api_token,
    verify_second_factor,
)
from motcua.accounts.testing import current_code
from motcua.accounts.tests.factories import PASSWORD, UserFactory
from motcua.accounts.tokens import digest
from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.core.clock import now

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Any:
    """Events delivered to subscribers (after commit)."""
    received: list[events.Event] = []
    events.subscribe(events.Event, received.append)
    yield received
    events.unsubscribe(events.Event, received.append)


def last_audit() -> AuditEntry:
    return AuditEntry.objects.order_by("-sequence").first()  # type: ignore[return-value]


# --- create_staff_user ----------------------------------------------------------------------


def test_create_staff_user_makes_an_active_staff_member_with_a_hashed_password(
    administrator: User, django_capture_on_commit_callbacks: Any, heard: list[Any]
) -> None:
    # when an administrator creates an officer
    with django_capture_on_commit_callbacks(execute=True):
        user = create_staff_user(
            actor=administrator,
            username="tiepnhan01",
            full_name="  Hoàng   Thị Em ",
            password=PASSWORD,
            email="Em@Tinh.Gov.VN",
        )
    # then the account is staff, its name normalised, its password checkable but not stored
    user.refresh_from_db()
    assert user.kind == AccountKind.STAFF
    assert user.full_name == "Hoàng Thị Em"
    assert user.check_password(PASSWORD)
    assert PASSWORD not in user.password
    assert heard == [StaffUserCreated(user_id=user.pk)]


def test_create_staff_user_audits_the_account_without_its_secrets(administrator: User) -> None:
    # when an officer is created
    user = create_staff_user(
        actor=administrator,
        username="tiepnhan02",
        full_name="Võ Văn Phúc",
        password=PASSWORD,
        email="phuc@tinh.gov.vn",
    )
    # then the audit row names the account but holds no password or e-mail
    entry = last_audit()
    assert entry.action == "account.staff_created"
    assert entry.actor_id == administrator.pk
    assert entry.object_id == str(user.pk)
    assert entry.after is not None
    assert entry.after["username"] == "tiepnhan02"
    assert entry.after["has_password"] is True
    assert PASSWORD not in str(entry.after)
    assert user.password not in str(entry.after)
    assert "phuc@tinh.gov.vn" not in str(entry.after)


def test_a_staff_user_without_password_can_only_use_tokens(administrator: User) -> None:
    # when an integration account is created without a password
    user = create_staff_user(actor=administrator, username="dongbo-dvcqg", full_name="Đồng bộ")
    # then no password can sign it in
    assert not user.has_usable_password()


def test_a_taken_username_is_refused(officer: User) -> None:
    # when the same username is created again
    with pytest.raises(UsernameTaken):
        create_staff_user(actor=None, username="canbo", full_name="X", password=PASSWORD)
    # then there is still one account of that name, and nothing was audited
    assert User.objects.filter(username="canbo").count() == 1
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("username", "password"),
    [("canbo moi", PASSWORD), ("", PASSWORD), ("canbo03", "123456"), ("canbo03", "canbo03")],
    ids=["space-in-username", "empty-username", "numeric-password", "password-is-username"],
)
def test_malformed_usernames_and_weak_passwords_are_refused(username: str, password: str) -> None:
    # when they are used
    with pytest.raises(ValidationError):
        create_staff_user(actor=None, username=username, full_name="X", password=password)
    # then nothing was written
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()


# --- second factor --------------------------------------------------------------------------


def test_enrolment_starts_with_an_unconfirmed_device_and_is_audited(officer: User) -> None:
    # when the officer starts setting up an app
    device = enrol_totp_device(user=officer)
    # then an unconfirmed device with a fresh secret exists, and the start is audited
    assert device.confirmed is False
    assert len(device.key) == 40
    entry = last_audit()
    assert entry.action == "account.two_factor_enrolment_started"
    assert device.key not in str(entry.after)


def test_starting_again_replaces_the_unconfirmed_device(officer: User) -> None:
    # given a set-up that was never finished
    first = enrol_totp_device(user=officer)
    # when it is started again
    second = enrol_totp_device(user=officer)
    # then only the new device remains
    assert list(TOTPDevice.objects.filter(user=officer)) == [second]
    assert second.key != first.key


def test_enrolment_is_refused_when_an_app_is_already_confirmed(officer_device: TOTPDevice) -> None:
    with pytest.raises(AlreadyEnrolled):
        enrol_totp_device(user=officer_device.user)
    assert TOTPDevice.objects.filter(user=officer_device.user).count() == 1


def test_confirming_with_the_current_code_enables_the_app_and_makes_backup_codes(
    officer: User, django_capture_on_commit_callbacks: Any, heard: list[Any]
) -> None:
    # given a device being set up
    device = enrol_totp_device(user=officer)
    # when the officer types the code the app shows
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm_totp_device(user=officer, code=current_code(device))
    # then the device is confirmed and ten single-use backup codes exist
    device.refresh_from_db()
    assert device.confirmed is True
    assert confirmed.device == device
    assert len(set(confirmed.backup_codes)) == BACKUP_CODE_COUNT
    assert StaticToken.objects.filter(device__user=officer).count() == BACKUP_CODE_COUNT
    entry = last_audit()
    assert entry.action == "account.two_factor_enabled"
    assert not any(code in str(entry.after) for code in confirmed.backup_codes)
    assert heard == [TwoFactorEnabled(user_id=officer.pk)]


@pytest.mark.parametrize("typed", ["{code:.3} {rest}", "{code:.3}-{rest}", "{wide}"])
def test_codes_are_accepted_as_people_type_them(officer: User, typed: str) -> None:
    # given a device being set up, and its code typed with a space, a dash or full-width digits
    device = enrol_totp_device(user=officer)
    code = current_code(device)
    wide = "".join(chr(ord(digit) + 0xFEE0) for digit in code)
    text = typed.format(code=code, rest=code[3:], wide=wide)
    # when confirmed
    confirm_totp_device(user=officer, code=text)
    # then it worked
    device.refresh_from_db()
    assert device.confirmed is True


def test_a_wrong_code_leaves_the_device_unconfirmed_and_counts_against_it(officer: User) -> None:
    # given a device being set up
    device = enrol_totp_device(user=officer)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    # when a wrong code is typed
    with pytest.raises(InvalidOneTimeCode):
        confirm_totp_device(user=officer, code=wrong)
    # then the device is still unconfirmed, the failure is remembered, nothing was audited
    device.refresh_from_db()
    assert device.confirmed is False
    assert device.throttling_failure_count == 1
    assert last_audit().action == "account.two_factor_enrolment_started"


def test_codes_right_after_a_wrong_one_are_throttled(officer: User) -> None:
    # given a wrong code just typed
    device = enrol_totp_device(user=officer)
    with pytest.raises(InvalidOneTimeCode):
        confirm_totp_device(user=officer, code="000000")
    # when the right code follows at once
    with pytest.raises(TooManyCodeAttempts):
        confirm_totp_device(user=officer, code=current_code(device))
    # then the device is still unconfirmed
    device.refresh_from_db()
    assert device.confirmed is False


def test_confirming_without_starting_is_refused(officer: User) -> None:
    with pytest.raises(EnrolmentNotStarted):
        confirm_totp_device(user=officer, code="123456")
    assert not TOTPDevice.objects.exists()


def test_new_backup_codes_replace_the_old_ones(officer: User, no_code_throttling: None) -> None:
    # given old backup codes left from an app the officer lost
    old = StaticDevice.objects.create(user=officer, name="backup codes")
    old.token_set.create(token="aaaaaaaa")
    device = enrol_totp_device(user=officer)
    # when a new app is confirmed
    confirmed = confirm_totp_device(user=officer, code=current_code(device))
    # then only the new codes remain
    codes = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert codes == set(confirmed.backup_codes)


def test_a_current_code_from_the_app_verifies_the_sign_in(officer_device: TOTPDevice) -> None:
    # when the officer types the app's code
    device = verify_second_factor(user=officer_device.user, code=current_code(officer_device))
    # then the app is the verifying device
    assert device == officer_device


def test_a_code_cannot_be_used_twice(officer_device: TOTPDevice, no_code_throttling: None) -> None:
    # given a code just used
    code = current_code(officer_device)
    verify_second_factor(user=officer_device.user, code=code)
    # when it is replayed
    with pytest.raises(InvalidOneTimeCode):
        verify_second_factor(user=officer_device.user, code=code)
    # then the device remembers the failure
    officer_device.refresh_from_db()
    assert officer_device.throttling_failure_count == 1


def test_a_backup_code_verifies_once_and_its_use_is_audited(officer: User) -> None:
    # given confirmed backup codes
    device = enrol_totp_device(user=officer)
    codes = confirm_totp_device(user=officer, code=current_code(device)).backup_codes
    # when one is used (typed in capitals, as printed on paper)
    verified = verify_second_factor(user=officer, code=codes[0].upper())
    # then it worked, is used up, and the use is audited with the count left
    assert isinstance(verified, StaticDevice)
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    entry = last_audit()
    assert entry.action == "account.backup_code_used"
    assert entry.after == {"backup_codes_left": BACKUP_CODE_COUNT - 1}


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abc", "' OR 1=1 --", "١٢٣٤٥٦x"])
def test_text_that_is_no_code_is_refused(officer_device: TOTPDevice, code: str) -> None:
    with pytest.raises(InvalidOneTimeCode):
        verify_second_factor(user=officer_device.user, code=code)
    officer_device.refresh_from_db()
    assert officer_device.last_used_at is None


def test_someone_elses_code_does_not_verify(officer_device: TOTPDevice) -> None:
    # given another officer with no app
    other = UserFactory(staff=True)
    # when the first officer's code is typed for the other
    with pytest.raises(InvalidOneTimeCode):
        verify_second_factor(user=other, code=current_code(officer_device))
    # then the first officer's code is still unused
    officer_device.refresh_from_db()
    assert officer_device.last_t == -1


# --- API tokens -----------------------------------------------------------------------------


def test_issuing_a_token_stores_only_its_digest(
    officer: User, administrator: User, django_capture_on_commit_callbacks: Any, heard: list[Any]
) -> None:
    # when a token is issued for 30 days
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue_api_token(
            actor=administrator, owner=officer, name="Đồng bộ DVCQG", lifetime_days=30
        )
    # then the row holds the prefix and digest, never the token
    token = ApiToken.objects.get()
    assert issued.secret.startswith(f"motcua_{token.prefix}_")
    assert token.digest == digest(issued.secret)
    assert issued.secret not in {token.prefix, token.digest, token.name}
    assert timedelta(days=29) < token.expires_at - now() <= timedelta(days=30)
    assert heard == [ApiTokenIssued(token_id=token.pk, user_id=officer.pk)]


def test_issuing_a_token_is_audited_without_the_token(officer: User) -> None:
    issued = issue_api_token(actor=None, owner=officer, name="thử nghiệm")
    entry = last_audit()
    assert entry.action == "account.api_token_issued"
    assert entry.object_type == "accounts.apitoken"
    assert entry.after is not None
    assert entry.after["prefix"] == issued.token.prefix
    assert issued.secret not in str(entry.after)


def test_a_token_lives_ninety_days_by_default(officer: User) -> None:
    issued = issue_api_token(actor=None, owner=officer, name="mặc định")
    assert timedelta(days=89) < issued.token.expires_at - now() <= timedelta(days=90)


@pytest.mark.parametrize(
    ("owner_kind", "active", "error"),
    [
        (AccountKind.CITIZEN, True, NotStaff),
        (AccountKind.BUSINESS, True, NotStaff),
        (AccountKind.STAFF, False, NotStaff),
    ],
)
def test_tokens_are_only_for_active_staff(owner_kind: str, active: bool, error: type) -> None:
    owner = UserFactory(kind=owner_kind, is_active=active)
    with pytest.raises(error):
        issue_api_token(actor=None, owner=owner, name="x")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("name", "days", "error"),
    [
        ("", 30, InvalidTokenName),
        ("   ", 30, InvalidTokenName),
        ("x" * 101, 30, InvalidTokenName),
        ("a\x00b", 30, InvalidTokenName),
        ("ok", 0, InvalidLifetime),
        ("ok", -5, InvalidLifetime),
        ("ok", 3651, InvalidLifetime),
    ],
)
def test_bad_token_names_and_lifetimes_are_refused(
    officer: User, name: str, days: int, error: type
) -> None:
    with pytest.raises(error):
        issue_api_token(actor=None, owner=officer, name=name, lifetime_days=days)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.exists()


def test_revoking_a_token_stamps_it_and_is_audited(
    officer: User, django_capture_on_commit_callbacks: Any, heard: list[Any]
) -> None:
    # given a live token
    token = issue_api_token(actor=None, owner=officer, name="x").token
    heard.clear()
    # when it is revoked
    with django_capture_on_commit_callbacks(execute=True):
        revoke_api_token(actor=officer, token=token)
    # then it carries the moment and the trail says who did it
    token.refresh_from_db()
    assert token.is_revoked
    entry = last_audit()
    assert entry.action == "account.api_token_revoked"
    assert entry.actor_id == officer.pk
    assert heard == [ApiTokenRevoked(token_id=token.pk, user_id=officer.pk)]


def test_revoking_twice_is_refused(officer: User) -> None:
    token = issue_api_token(actor=None, owner=officer, name="x").token
    revoke_api_token(actor=None, token=token)
    with pytest.raises(TokenAlreadyRevoked):
        revoke_api_token(actor=None, token=token)
    assert AuditEntry.objects.filter(action="account.api_token_revoked").count() == 1


def test_token_use_is_noted_at_most_once_a_minute(
    officer: User, django_assert_num_queries: Any
) -> None:
    # given a token just used
    token = issue_api_token(actor=None, owner=officer, name="x").token
    record_api_token_use(token=token)
    first_use = token.last_used_at
    # when it is used again at once
    with django_assert_num_queries(0):
        record_api_token_use(token=token)
    # then nothing was written
    token.refresh_from_db()
    assert token.last_used_at == first_use
