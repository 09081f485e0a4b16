"""API endpoints about the caller's own account."""

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.accounts.models import User
from motcua.accounts.queries import list_role_codes
from motcua.api.auth import SIGNED_IN
from motcua.api.errors import ErrorOut

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    kind: str
    full_name: str
    roles: list[str]


@router.get(
    "/me",
    auth=SIGNED_IN,
    response={200: MeOut, 401: ErrorOut},
    summary="Who am I",
    description=(
        "The signed-in caller (bearer token or browser session): username, kind "
        "(staff, citizen, business), full name and the roles held today."
    ),
)
def me(request: HttpRequest) -> MeOut:
    user: User = request.auth  # type: ignore[attr-defined]
    return MeOut(
        username=user.username,
        kind=user.kind,
        full_name=user.full_name,
        roles=list_role_codes(user=user),
    )
