"""State changes of accounts: staff users, second factors, API tokens.

Each function is atomic and writes an audit row; passwords, tokens, one-time codes and personal
data never enter the row (record_audit masks personal keys as a second guard).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django_otp.models import Device
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
from motcua.accounts.permissions import has_two_factor_device
from motcua.accounts.queries import get_unconfirmed_totp_device
from motcua.accounts.tokens import generate_token
from motcua.audit.services import record_audit
from motcua.core.clock import isoformat, now
from motcua.core.events import publish
from motcua.core.text import normalize

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"
MAX_TOKEN_LIFETIME_DAYS = 3650
# Writing `last_used_at` on every request would turn each API read into a write.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)

_TOTP_CODE = re.compile(r"\d{6}")
_BACKUP_CODE = re.compile(r"[a-z2-7]{8}")


def create_staff_user(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str | None = None,
    email: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an active staff member; without a password the account signs in by token only.

    `is_staff` opens the admin site (and so requires a second factor). Raises ValidationError
    for a malformed username or a weak password, UsernameTaken when the name is in use.
    """
    username = User.normalize_username(username.strip())
    user = User(
        username=username,
        full_name=normalize(full_name),
        email=BaseUserManager.normalize_email(email.strip()),
        kind=AccountKind.STAFF,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    if password is None:
        user.set_unusable_password()
    else:
        validate_password(password, user)
        user.set_password(password)
    if User.objects.filter(username=username).exists():
        raise UsernameTaken
    try:
        with transaction.atomic():
            user.save()
            record_audit(
                actor=actor,
                action="account.staff_created",
                target=user,
                after={
                    "username": user.username,
                    "full_name": user.full_name,
                    "kind": user.kind,
                    "is_staff": user.is_staff,
                    "is_superuser": user.is_superuser,
                    "has_password": password is not None,
                },
            )
            publish(StaffUserCreated(user_id=user.pk))
    except IntegrityError as error:
        raise UsernameTaken from error
    return user


def enrol_totp_device(*, user: User) -> TOTPDevice:
    """Start setting up an authenticator app: a new unconfirmed device with a fresh secret.

    An earlier unconfirmed device is replaced. Raises AlreadyEnrolled when the user already has
    a confirmed one (an administrator removes it first, e.g. after a lost phone).
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if has_two_factor_device(user=user):
            raise AlreadyEnrolled
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        record_audit(
            actor=user,
            action="account.two_factor_enrolment_started",
            target=user,
            after={"device_id": device.pk},
        )
    return device


@dataclass(frozen=True)
class ConfirmedDevice:
    """The confirmed authenticator app and the backup codes made with it (shown once)."""

    device: TOTPDevice
    backup_codes: list[str]


def confirm_totp_device(*, user: User, code: str) -> ConfirmedDevice:
    """Confirm the device being set up with a code from the app; make new backup codes.

    The backup codes replace any earlier ones. Raises EnrolmentNotStarted, TooManyCodeAttempts,
    InvalidOneTimeCode.
    """
    cleaned = _clean_code(code)
    codes: list[str] = []
    with transaction.atomic():
        device = get_unconfirmed_totp_device(user=user)
        if device is None:
            raise EnrolmentNotStarted
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        # verify_token saves the failure count itself; it must survive the refusal below.
        verified = allowed and bool(_TOTP_CODE.fullmatch(cleaned)) and device.verify_token(cleaned)
        if verified:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _replace_backup_codes(user=user)
            record_audit(
                actor=user,
                action="account.two_factor_enabled",
                target=user,
                after={"device_id": device.pk, "backup_codes": len(codes)},
            )
            publish(TwoFactorEnabled(user_id=user.pk))
    if not allowed:
        raise TooManyCodeAttempts
    if not verified:
        raise InvalidOneTimeCode
    return ConfirmedDevice(device=device, backup_codes=codes)


def verify_second_factor(*, user: User, code: str) -> Device:
    """Check a code from the authenticator app or a backup code; return the device that took it.

    A backup code is used up, and its use audited. Raises TooManyCodeAttempts while the
    device is throttled after wrong codes, InvalidOneTimeCode otherwise.
    """
    cleaned = _clean_code(code)
    device_model: type[TOTPDevice] | type[StaticDevice]
    if _TOTP_CODE.fullmatch(cleaned):
        device_model = TOTPDevice
    elif _BACKUP_CODE.fullmatch(cleaned):
        device_model = StaticDevice
    else:
        raise InvalidOneTimeCode
    with transaction.atomic():
        device = (
            device_model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise InvalidOneTimeCode
        allowed, _ = device.verify_is_allowed()
        verified = allowed and device.verify_token(cleaned)
        if verified and isinstance(device, StaticDevice):
            record_audit(
                actor=user,
                action="account.backup_code_used",
                target=user,
                after={"backup_codes_left": device.token_set.count()},
            )
    if not allowed:
        raise TooManyCodeAttempts
    if not verified:
        raise InvalidOneTimeCode
    return device


@dataclass(frozen=True)
class IssuedToken:
    """A new token: the row, and the token itself, which exists nowhere else."""

    token: ApiToken
    secret: str


def issue_api_token(
    *, actor: User | None, owner: User, name: str, lifetime_days: int | None = None
) -> IssuedToken:
    """Issue a bearer token to an active staff member (a person or an integration account).

    `lifetime_days` defaults to API_TOKEN_LIFETIME_DAYS. Raises NotStaff, InvalidTokenName,
    InvalidLifetime.
    """
    if not owner.is_active or owner.kind != AccountKind.STAFF:
        raise NotStaff
    name = normalize(name)
    if not name or len(name) > 100 or "\x00" in name:
        raise InvalidTokenName
    days = settings.API_TOKEN_LIFETIME_DAYS if lifetime_days is None else lifetime_days
    if not 1 <= days <= MAX_TOKEN_LIFETIME_DAYS:
        raise InvalidLifetime
    generated = generate_token()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner,
            name=name,
            prefix=generated.prefix,
            digest=generated.digest,
            # Elapsed time, not working time: a token's life is not an administrative deadline.
            expires_at=now() + timedelta(days=days),
        )
        record_audit(
            actor=actor,
            action="account.api_token_issued",
            target=token,
            after={
                "owner": owner.username,
                "name": token.name,
                "prefix": token.prefix,
                "expires_at": isoformat(token.expires_at),
            },
        )
        publish(ApiTokenIssued(token_id=token.pk, user_id=owner.pk))
    return IssuedToken(token=token, secret=generated.text)


def revoke_api_token(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token at once. Raises TokenAlreadyRevoked."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.is_revoked:
            raise TokenAlreadyRevoked
        token.revoked_at = now()
        token.save(update_fields=["revoked_at"])
        record_audit(
            actor=actor,
            action="account.api_token_revoked",
            target=token,
            before={"revoked_at": None},
            after={"revoked_at": isoformat(token.revoked_at)},
        )
        publish(ApiTokenRevoked(token_id=token.pk, user_id=token.user_id))
    return token


def record_api_token_use(*, token: ApiToken) -> None:
    """Note when a token was last used, at most once a minute; bookkeeping, not audited."""
    moment = now()
    if token.last_used_at is not None and moment - token.last_used_at < TOKEN_USE_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    token.last_used_at = moment


def _clean_code(code: str) -> str:
    """Codes as people type them: full-width digits, spaces or a dash in the middle."""
    folded = unicodedata.normalize("NFKC", code)
    return re.sub(r"[\s-]", "", folded).lower()[:32]


def _replace_backup_codes(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
