"""API endpoints about the caller's own account."""

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.accounts.models import User
from motcua.accounts.queries import list_role_codes, profile_prefill
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


class ProfileOut(Schema):
    kind: str
    full_name: str
    national_id: str
    tax_code: str
    organization_name: str
    email: str
    phone: str
    address: str


@router.get(
    "/me/profile",
    auth=SIGNED_IN,
    response={200: ProfileOut, 401: ErrorOut},
    summary="My details for application forms",
    description=(
        "What application forms fill in for the caller: name, ID number or tax code and "
        "organisation, address, and the e-mail and phone only once proved by a code."
    ),
)
def my_profile(request: HttpRequest) -> ProfileOut:
    user: User = request.auth  # type: ignore[attr-defined]
    return ProfileOut(**profile_prefill(user=user))
