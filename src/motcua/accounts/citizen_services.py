"""State changes of citizen and business accounts: registration, verification, contact details,
sign-in through the national e-identity.

Each function is atomic and audited. Codes are sent after the rows are written, outside the
transaction, so a failed delivery never leaves a half-made account behind a rollback, and a
rollback never sends a code for an account that does not exist.
"""

import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind, ContactChannel, VerificationPurpose
from motcua.accounts.errors import (
    AccountError,
    CodeNotDelivered,
    CodeSentTooRecently,
    IdentityInUse,
    IdentityMismatch,
    IdentityNeedsLinking,
    InvalidVerificationCode,
    LastContactRequired,
    MissingContact,
    NationalIdTaken,
    TaxCodeTaken,
    TooManyCodeAttempts,
    TooManyCodesSent,
    VerificationCodeExpired,
)
from motcua.accounts.events import ApplicantRegistered, ContactVerified, IdentityLinked
from motcua.accounts.models import User, VerificationCode
from motcua.audit.services import record_audit
from motcua.core.clock import now
from motcua.core.events import publish
from motcua.core.sms import SmsNotSent, send_sms
from motcua.core.text import normalize

log = structlog.get_logger(__name__)

CODE_DIGITS = 6
MAX_CODE_ATTEMPTS = 5
# How long an account that never proved a contact keeps its ID number or tax code.
UNVERIFIED_HOLD = timedelta(hours=24)
_DIGEST_SALT = "motcua.accounts.verification_code"


@dataclass(frozen=True, kw_only=True)
class Registration:
    """What a person typed on the registration page, before any check."""

    kind: str
    full_name: str
    password: str
    channel: str
    email: str = ""
    phone: str = ""
    national_id: str = ""
    tax_code: str = ""
    organization_name: str = ""


@dataclass(frozen=True)
class Registered:
    """The new account, and why no code went out if none did (the person asks again later)."""

    user: User
    code_refusal: AccountError | None = None


def register_applicant(*, registration: Registration) -> Registered:
    """Create a citizen or business account that signs in once its e-mail or phone is proved.

    A citizen's username is the ID number, a business's its tax code. A code goes to the
    chosen channel; when sending is refused (TooManyCodesSent, CodeNotDelivered) the account
    is made all the same and the refusal returned. Raises ValidationError (malformed field,
    weak password), MissingContact, NationalIdTaken, TaxCodeTaken.
    """
    data = registration
    if data.kind not in (AccountKind.CITIZEN, AccountKind.BUSINESS):
        raise ValidationError({"kind": _("Choose a citizen or a business account.")})
    business = data.kind == AccountKind.BUSINESS
    email = BaseUserManager.normalize_email(data.email.strip())
    phone = normalize_phone(data.phone)
    by_email = data.channel == ContactChannel.EMAIL
    if data.channel not in ContactChannel.values or not (email if by_email else phone):
        raise MissingContact
    user = User(
        username=data.tax_code.strip() if business else data.national_id.strip(),
        kind=data.kind,
        full_name=normalize(data.full_name),
        national_id="" if business else data.national_id.strip(),
        tax_code=data.tax_code.strip() if business else "",
        organization_name=normalize(data.organization_name) if business else "",
        # Only the contact being proved is kept: another one is added from the profile page.
        email=email if by_email else "",
        phone="" if by_email else phone,
    )
    required = ["full_name", "tax_code", "organization_name"] if business else ["national_id"]
    for name in ["full_name", *required]:
        if not getattr(user, name):
            raise ValidationError({name: _("This field is required.")}, code="required")
    user.full_clean(
        exclude=["password", "username"], validate_unique=False, validate_constraints=False
    )
    validate_password(data.password, user)
    user.set_password(data.password)
    _release_stale_holder(
        national_id=user.national_id, username=user.username, hold=UNVERIFIED_HOLD
    )
    _refuse_taken(user)
    try:
        with transaction.atomic():
            user.save()
            record_audit(
                actor=user,
                action="account.registered",
                target=user,
                after={"kind": user.kind, "channel": data.channel},
            )
            publish(ApplicantRegistered(user_id=user.pk, kind=user.kind))
    except IntegrityError as error:
        _refuse_taken(user)
        raise NationalIdTaken from error
    try:
        send_verification_code(
            user=user, purpose=VerificationPurpose.REGISTRATION, channel=data.channel
        )
    except AccountError as refusal:
        return Registered(user=user, code_refusal=refusal)
    return Registered(user=user)


def send_verification_code(
    *, user: User, purpose: str, channel: str, destination: str | None = None
) -> VerificationCode:
    """Send a fresh 6-digit code to the account's e-mail or phone (or to `destination`).

    Earlier unused codes for the same purpose and channel stop working. Raises
    CodeSentTooRecently, TooManyCodesSent (per account and per address, per hour),
    CodeNotDelivered.
    """
    if destination is None:
        destination = user.email if channel == ContactChannel.EMAIL else user.phone
    if not destination:
        raise MissingContact
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    moment = now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        _check_sending_rate(user=user, channel=channel, destination=destination, moment=moment)
        VerificationCode.objects.filter(
            user=user, purpose=purpose, channel=channel, used_at__isnull=True
        ).update(used_at=moment)
        row = VerificationCode.objects.create(
            user=user,
            channel=channel,
            purpose=purpose,
            destination=destination,
            digest="",
            created_at=moment,
            # Elapsed minutes, not working time: a code's life is not an administrative deadline.
            expires_at=moment + timedelta(minutes=settings.VERIFICATION_CODE_MINUTES),
        )
        row.digest = _code_digest(row_id=row.pk, code=code)
        row.save(update_fields=["digest"])
        record_audit(
            actor=user,
            action="account.verification_code_sent",
            target=user,
            after={"channel": channel, "purpose": purpose, "code_id": row.pk},
        )
    _deliver(channel=channel, destination=destination, code=code)
    return row


def verify_contact(*, user: User, purpose: str, code: str) -> User:
    """Check a code sent to the person; prove the e-mail or phone it was sent to.

    For a contact change the new address replaces the old one now. Raises
    InvalidVerificationCode (the attempt counts), VerificationCodeExpired (expired, used or
    replaced: ask for a new one), TooManyCodeAttempts (after 5 wrong codes the code is spent).
    """
    typed = unicodedata.normalize("NFKC", code)
    cleaned = "".join(char for char in typed if char in "0123456789")[: CODE_DIGITS + 2]
    moment = now()
    matched: VerificationCode | None = None
    refusal: type[Exception] | None = None
    with transaction.atomic():
        live = list(
            VerificationCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
        )
        live_now = [row for row in live if row.expires_at > moment]
        if not live_now:
            refusal = VerificationCodeExpired
        elif all(row.failed_attempts >= MAX_CODE_ATTEMPTS for row in live_now):
            refusal = TooManyCodeAttempts
        else:
            for row in live_now:
                if row.failed_attempts < MAX_CODE_ATTEMPTS and hmac.compare_digest(
                    row.digest, _code_digest(row_id=row.pk, code=cleaned)
                ):
                    matched = row
                    break
            if matched is None:
                # Saved before refusing: the refusal must not roll the count back.
                for row in live_now:
                    row.failed_attempts += 1
                    row.save(update_fields=["failed_attempts"])
                refusal = InvalidVerificationCode
            else:
                user = _apply_proof(user=user, row=matched, moment=moment)
    if refusal is not None:
        log.info("account.verification_code_refused", user_id=user.pk, reason=refusal.__name__)
        raise refusal
    return user


@dataclass(frozen=True)
class ContactChange:
    """What changed at once (the address) and what waits for a code (e-mail, phone)."""

    user: User
    pending_channels: list[str]


def change_contact_details(*, user: User, email: str, phone: str, address: str) -> ContactChange:
    """Change the profile's contact details; a new e-mail or phone counts once it is proved.

    The address changes at once. A new e-mail or phone gets a code and replaces the old one
    when the code comes back (verify_contact with purpose contact_change). Raises
    ValidationError, LastContactRequired (removing the only verified contact),
    CodeSentTooRecently, TooManyCodesSent, CodeNotDelivered.
    """
    email = BaseUserManager.normalize_email(email.strip())
    phone = normalize_phone(phone)
    address = normalize(address)
    probe = User(email=email, phone=phone, address=address)
    probe.full_clean(
        exclude=[f.name for f in User._meta.fields if f.name not in {"email", "phone", "address"}],
        validate_unique=False,
        validate_constraints=False,
    )
    removals = {
        "email": not email and bool(user.email),
        "phone": not phone and bool(user.phone),
    }
    keeps_verified = bool(user.external_subject) or (
        (user.email_verified_at is not None and not removals["email"])
        or (user.phone_verified_at is not None and not removals["phone"])
    )
    if any(removals.values()) and not keeps_verified:
        raise LastContactRequired
    pending = []
    if email and email != user.email:
        pending.append(ContactChannel.EMAIL)
    if phone and phone != user.phone:
        pending.append(ContactChannel.PHONE)
    changed: dict[str, object] = {}
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if address != user.address:
            changed["address"] = address
            user.address = address
        if removals["email"]:
            changed["email"] = ""
            user.email, user.email_verified_at = "", None
        if removals["phone"]:
            changed["phone"] = ""
            user.phone, user.phone_verified_at = "", None
        if changed:
            user.save(update_fields=[*changed, *_verified_fields(changed)])
            record_audit(
                actor=user,
                action="account.contact_details_changed",
                target=user,
                after={"fields": sorted(changed)},
            )
    for channel in pending:
        send_verification_code(
            user=user,
            purpose=VerificationPurpose.CONTACT_CHANGE,
            channel=channel,
            destination=email if channel == ContactChannel.EMAIL else phone,
        )
    return ContactChange(user=user, pending_channels=[str(channel) for channel in pending])


@dataclass(frozen=True, kw_only=True)
class ProvedIdentity:
    """What a national e-identity provider vouched for in a verified ID token."""

    provider: str
    subject: str
    national_id: str = ""
    full_name: str = ""


def sign_in_with_identity(*, identity: ProvedIdentity) -> User:
    """Find the citizen an e-identity belongs to, or open a citizen account for it.

    Matched by the provider's subject; the ID number from the claims is recorded. When
    another account already holds the ID number, the person must sign in to it and link the
    identity from the profile page (IdentityNeedsLinking): a password-only account holds an ID
    number its owner typed, which the e-identity may not simply take over.
    """
    subject = _external_subject(identity)
    existing = User.objects.filter(external_subject=subject).first()
    if existing is not None:
        return _refresh_from_identity(user=existing, identity=identity)
    national_id = identity.national_id.strip()
    if national_id:
        # The provider proved the ID number: an account that never proved anything loses it.
        _release_stale_holder(national_id=national_id, username=national_id, hold=timedelta(0))
    if national_id and User.objects.filter(national_id=national_id).exists():
        raise IdentityNeedsLinking
    user = User(
        username=national_id or f"eid-{secrets.token_hex(8)}",
        kind=AccountKind.CITIZEN,
        full_name=normalize(identity.full_name),
        national_id=national_id,
        external_subject=subject,
    )
    user.set_unusable_password()
    user.full_clean(
        exclude=["password", "username"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            user.save()
            record_audit(
                actor=user,
                action="account.registered_with_identity",
                target=user,
                after={"kind": user.kind, "provider": identity.provider},
            )
            publish(ApplicantRegistered(user_id=user.pk, kind=user.kind))
            publish(IdentityLinked(user_id=user.pk, provider=identity.provider))
    except IntegrityError as error:
        raise IdentityNeedsLinking from error
    return user


def link_identity(*, user: User, identity: ProvedIdentity) -> User:
    """Link an e-identity to the signed-in account whose ID number it proves.

    Raises IdentityInUse (linked to another account), IdentityMismatch (another ID number).
    """
    subject = _external_subject(identity)
    national_id = identity.national_id.strip()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.external_subject == subject:
            return user
        if User.objects.filter(external_subject=subject).exclude(pk=user.pk).exists():
            raise IdentityInUse
        if user.external_subject or (user.national_id and national_id != user.national_id):
            raise IdentityMismatch
        if (
            national_id
            and User.objects.filter(national_id=national_id).exclude(pk=user.pk).exists()
        ):
            raise IdentityMismatch
        user.external_subject = subject
        user.national_id = national_id or user.national_id
        user.save(update_fields=["external_subject", "national_id"])
        record_audit(
            actor=user,
            action="account.identity_linked",
            target=user,
            after={"provider": identity.provider},
        )
        publish(IdentityLinked(user_id=user.pk, provider=identity.provider))
    return user


def _refresh_from_identity(*, user: User, identity: ProvedIdentity) -> User:
    """Record the ID number the provider vouches for if the account has none yet."""
    national_id = identity.national_id.strip()
    if user.national_id or not national_id:
        return user
    if User.objects.filter(national_id=national_id).exclude(pk=user.pk).exists():
        raise IdentityNeedsLinking
    with transaction.atomic():
        user.national_id = national_id
        user.full_clean(
            exclude=["password", "username"], validate_unique=False, validate_constraints=False
        )
        user.save(update_fields=["national_id"])
        record_audit(
            actor=user,
            action="account.national_id_from_identity",
            target=user,
            after={"provider": identity.provider, "national_id": national_id},
        )
    return user


def _external_subject(identity: ProvedIdentity) -> str:
    # Subjects are unique per issuer only: the provider's name keeps two issuers apart.
    return f"{identity.provider}:{identity.subject}"[:255]


def _apply_proof(*, user: User, row: VerificationCode, moment: datetime) -> User:
    row.used_at = moment
    row.save(update_fields=["used_at"])
    user = User.objects.select_for_update().get(pk=user.pk)
    if row.channel == ContactChannel.EMAIL:
        user.email, user.email_verified_at = row.destination, row.used_at
        fields = ["email", "email_verified_at"]
    else:
        user.phone, user.phone_verified_at = row.destination, row.used_at
        fields = ["phone", "phone_verified_at"]
    user.save(update_fields=fields)
    record_audit(
        actor=user,
        action="account.contact_verified",
        target=user,
        after={"channel": row.channel, "purpose": row.purpose, "code_id": row.pk},
    )
    publish(ContactVerified(user_id=user.pk, channel=row.channel))
    return user


def _verified_fields(changed: dict[str, object]) -> list[str]:
    return [f"{name}_verified_at" for name in ("email", "phone") if name in changed]


def _check_sending_rate(*, user: User, channel: str, destination: str, moment: datetime) -> None:
    # The wait is per channel: a new e-mail and a new phone may be proved at once.
    last = (
        VerificationCode.objects.filter(user=user, channel=channel).order_by("-created_at").first()
    )
    resend = timedelta(seconds=settings.VERIFICATION_RESEND_SECONDS)
    if last is not None and moment - last.created_at < resend:
        wait = resend - (moment - last.created_at)
        raise CodeSentTooRecently(wait_seconds=max(1, int(wait.total_seconds())))
    hour_ago = moment - timedelta(hours=1)
    by_user = VerificationCode.objects.filter(user=user, created_at__gt=hour_ago).count()
    by_destination = VerificationCode.objects.filter(
        destination=destination, created_at__gt=hour_ago
    ).count()
    if max(by_user, by_destination) >= settings.VERIFICATION_CODES_PER_HOUR:
        raise TooManyCodesSent


def _code_digest(*, row_id: int, code: str) -> str:
    return salted_hmac(_DIGEST_SALT, f"{row_id}:{code}", algorithm="sha256").hexdigest()


def _deliver(*, channel: str, destination: str, code: str) -> None:
    minutes = settings.VERIFICATION_CODE_MINUTES
    text = _("motcua: your verification code is %(code)s. It expires in %(minutes)d minutes.") % {
        "code": code,
        "minutes": minutes,
    }
    try:
        if channel == ContactChannel.EMAIL:
            send_mail(
                subject=_("Your verification code"),
                message=text,
                from_email=None,
                recipient_list=[destination],
            )
        else:
            send_sms(to=destination, text=text)
    except (SmsNotSent, OSError) as error:
        log.warning("account.verification_code_not_delivered", channel=channel)
        raise CodeNotDelivered from error


def _refuse_taken(user: User) -> None:
    if user.national_id and User.objects.filter(national_id=user.national_id).exists():
        raise NationalIdTaken
    if User.objects.filter(username=user.username).exists():
        raise TaxCodeTaken if user.kind == AccountKind.BUSINESS else NationalIdTaken


def _release_stale_holder(*, national_id: str, username: str, hold: timedelta) -> None:
    """Free an ID number or username held by an applicant account never proved for `hold`.

    Someone may register another person's ID number and never enter the code; after a day
    (at once for an ID number the e-identity proves) the account is renamed and deactivated,
    not deleted: it may have acted, and the audit trail keeps its rows.
    """
    holding = Q(username=username)
    if national_id:
        holding |= Q(national_id=national_id)
    holders = User.objects.filter(
        holding,
        kind__in=[AccountKind.CITIZEN, AccountKind.BUSINESS],
        email_verified_at__isnull=True,
        phone_verified_at__isnull=True,
        external_subject="",
        last_login__isnull=True,
        date_joined__lte=now() - hold,
    )
    for holder in holders:
        with transaction.atomic():
            holder.username = f"unverified-{holder.pk}"
            holder.national_id = ""
            holder.tax_code = ""
            holder.is_active = False
            holder.save(update_fields=["username", "national_id", "tax_code", "is_active"])
            record_audit(
                actor=None,
                action="account.unverified_released",
                target=holder,
                after={"username": holder.username, "is_active": False},
            )


def normalize_phone(value: str) -> str:
    """Phones as people type them: spaces, dots, dashes; a leading + kept."""
    # NFKC turns full-width digits (typed on some phones' keyboards) into ASCII ones.
    stripped = unicodedata.normalize("NFKC", value).strip()
    digits = "".join(char for char in stripped if char in "0123456789")
    return f"+{digits}" if stripped.startswith("+") and digits else digits
