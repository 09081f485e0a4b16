"""Who may draft, review and sign results, and use which signing credential."""

from typing import Any

from motcua.organizations.choices import Role
from motcua.organizations.queries import has_role, list_roles
from motcua.results.choices import CredentialPurpose
from motcua.results.models import SigningCredential

# Decree 118/2025 Art. 22: results are signed by the leader of the unit that settles them.
SIGNING_ROLES = frozenset({Role.UNIT_LEADER, Role.CENTRE_LEADER})
DRAFTING_ROLES = frozenset({Role.HANDLER, Role.UNIT_LEADER, Role.CENTRE_LEADER})
# Decree 118/2025 Art. 17.1: the intake officer signs the scans made at the counter.
SCAN_SIGNING_ROLES = frozenset({Role.INTAKE_OFFICER, Role.HANDLER})


def _holds_any(user: Any, roles: frozenset[str]) -> bool:
    return bool(roles & set(list_roles(user=user)))


def can_sign_results(*, user: Any) -> bool:
    return _holds_any(user, SIGNING_ROLES)


def can_draft_results(*, user: Any) -> bool:
    return _holds_any(user, DRAFTING_ROLES)


def can_sign_scans(*, user: Any) -> bool:
    return _holds_any(user, SCAN_SIGNING_ROLES | SIGNING_ROLES)


def can_use_credential(*, user: Any, credential: SigningCredential) -> bool:
    """A personal key is its owner's alone; a seal serves the leaders of its agency."""
    if credential.purpose == CredentialPurpose.PERSONAL:
        return credential.owner_id is not None and credential.owner_id == getattr(user, "pk", None)
    if credential.purpose == CredentialPurpose.SEAL and credential.agency is not None:
        return any(
            has_role(user=user, role=role, agency=credential.agency) for role in SIGNING_ROLES
        )
    return False
