"""Who is calling the API: a bearer token (staff, integrations) or the browser's session.

Routers and endpoints take `auth=SIGNED_IN`; the caller is then `request.auth` (a User, also
set as `request.user`). Nobody signed in: 401 `{"code": "not_authenticated"}`.
"""

from typing import Any

import structlog
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from motcua.accounts.errors import TokenRefused
from motcua.accounts.models import User
from motcua.accounts.permissions import is_session_verified, is_two_factor_required
from motcua.accounts.queries import get_api_token
from motcua.accounts.services import record_api_token_use

log = structlog.get_logger(__name__)

# Longer than any token we issue; anything longer is refused without being read further.
_MAX_HEADER_LENGTH = 200


class StaffTokenAuth(HttpBearer):
    """`Authorization: Bearer motcua_…` — a live token of an active staff member."""

    def __call__(self, request: HttpRequest) -> Any:
        # Parsed here rather than by HttpBearer, which logs unexpected headers in DEBUG and
        # would write a mistyped token to the log.
        header = request.headers.get(self.header, "")
        if not header or len(header) > _MAX_HEADER_LENGTH:
            return None
        scheme, _, presented = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, presented.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        try:
            found = get_api_token(presented=token)
        except TokenRefused:
            log.info("api.token_refused", path=request.path)
            return None
        record_api_token_use(token=found)
        request.user = found.user
        return found.user


class VerifiedSessionAuth(SessionAuth):
    """The browser's session, once signed in with a second factor wherever one is required."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
            return None
        if is_two_factor_required(user=user) and not is_session_verified(request):
            return None
        return user


SIGNED_IN = [StaffTokenAuth(), VerifiedSessionAuth()]
