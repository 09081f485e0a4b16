"""Reads about accounts, each scoped to the user it concerns."""

import hmac
from datetime import date, datetime
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max, Q, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.accounts.errors import TokenRefused
from motcua.accounts.models import ApiToken, Representation, User
from motcua.accounts.tokens import parse_token
from motcua.core.clock import now, today


def get_api_token(*, presented: str) -> ApiToken:
    """Return the live token matching the presented text, with its owner loaded.

    Raises TokenRefused when the text is malformed or unknown, the token was revoked or has
    expired, or its owner is no longer an active staff member; the cases look the same.
    """
    parts = parse_token(presented)
    if parts is None:
        raise TokenRefused
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts.prefix, revoked_at__isnull=True, expires_at__gt=now())
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, parts.digest):
        raise TokenRefused
    if not token.user.is_active or token.user.kind != AccountKind.STAFF:
        raise TokenRefused
    return token


def get_api_token_by_prefix(*, prefix: str) -> ApiToken:
    """The token with this public prefix, live or not. Raises ApiToken.DoesNotExist."""
    return ApiToken.objects.select_related("user").get(prefix=prefix)


def list_api_tokens(*, owner: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=owner).order_by("-created_at")


def list_role_codes(*, user: User) -> list[str]:
    """The role values (`organizations.choices.Role`) the user holds today, sorted, unique."""
    on = today()
    roles = (
        user.role_assignments.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .values_list("role", flat=True)
        .distinct()
    )
    return sorted(roles)


def get_unconfirmed_totp_device(*, user: User) -> TOTPDevice | None:
    """The authenticator app being set up, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def count_backup_codes(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def get_lockout_ends_at(*, username: str) -> datetime | None:
    """When a username locked out after repeated failures may sign in again."""
    cool_off = get_cool_off()
    if cool_off is None:
        return None
    last_attempt = AccessAttempt.objects.filter(username=username).aggregate(
        last=Max("attempt_time")
    )["last"]
    if last_attempt is None:
        return None
    return last_attempt + cool_off


def profile_prefill(*, user: User) -> dict[str, Any]:
    """The applicant's own details that application forms fill in for them.

    Only proved contacts are offered: an e-mail or phone waiting for its code is not.
    Keys: kind, full_name, national_id, tax_code, organization_name, email, phone, address.
    """
    return {
        "kind": user.kind,
        "full_name": user.full_name,
        "national_id": user.national_id,
        "tax_code": user.tax_code,
        "organization_name": user.organization_name,
        "email": user.email if user.email_verified_at else "",
        "phone": user.phone if user.phone_verified_at else "",
        "address": user.address,
    }


def list_represented(*, user: User, on: date | None = None) -> QuerySet[Representation]:
    """The persons and organisations `user` may act for on the day (default today)."""
    day = on or today()
    return (
        Representation.objects.filter(representative=user, ended_at__isnull=True)
        .filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("represented_name", "pk")
    )


def list_representations(*, user: User) -> QuerySet[Representation]:
    """Every representation `user` declared, current, future and ended, newest first."""
    return Representation.objects.filter(representative=user).order_by("-created_at", "-pk")


def get_representation(*, user: User, pk: int) -> Representation:
    """One of `user`'s own representations. Raises Representation.DoesNotExist otherwise."""
    return Representation.objects.get(representative=user, pk=pk)
