"""Signed results for the demo's decided dossiers (see motcua.demo.steps), after `results.demo`.

Every demo dossier in status 9 or 10 gets its result drafted from its procedure's template,
reviewed and signed by a leader of its competent agency with the department's seal, with the
demo keys (unlocked once each with `results.demo.DEMO_KEY_PASSPHRASE`). Idempotent: a dossier
that has its signed result is left alone, so a second load signs nothing.
"""

from collections.abc import Callable
from typing import Any

from motcua.dossiers.demo import DEMO_ID_PREFIX
from motcua.dossiers.models import Dossier
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.pades import PadesSigner
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment
from motcua.results import services
from motcua.results.demo import DEMO_KEY_PASSPHRASE
from motcua.results.queries import list_credentials_for, list_seals_for
from motcua.results.services.settling import DECIDED


class _Keys:
    """The demo leaders' and seals' keys, each unlocked once and reused for every dossier."""

    def __init__(self) -> None:
        self._signers: dict[tuple[str, int], PadesSigner | None] = {}

    def leader_of(self, dossier: Dossier) -> tuple[Any, PadesSigner] | None:
        for assignment in RoleAssignment.objects.filter(
            agency=dossier.agency, role=Role.UNIT_LEADER
        ).select_related("user"):
            signer = self._unlocked("personal", assignment.user_id, assignment.user)
            if signer is not None:
                return assignment.user, signer
        return None

    def seal_of(self, dossier: Dossier) -> PadesSigner | None:
        return self._unlocked("seal", dossier.agency_id, dossier.agency)

    def _unlocked(self, kind: str, key: int, holder: Any) -> PadesSigner | None:
        if (kind, key) not in self._signers:
            credentials = (
                list_credentials_for(user=holder)
                if kind == "personal"
                else list_seals_for(agency=holder)
            )
            credential = credentials.first()
            self._signers[(kind, key)] = (
                unlock_signer(credential=credential, passphrase=DEMO_KEY_PASSPHRASE)
                if credential is not None
                else None
            )
        return self._signers[(kind, key)]


def load(*, out: Callable[[str], None]) -> None:
    """Sign the result of every decided demo dossier that has none yet."""
    waiting = list(
        Dossier.objects.filter(
            applicant_id_number__startswith=DEMO_ID_PREFIX,
            status__in=DECIDED,
            e_results__isnull=True,
        )
        .select_related("agency", "procedure_version")
        .order_by("pk")
    )
    keys = _Keys()
    signed = 0
    for dossier in waiting:
        leader = keys.leader_of(dossier)
        if leader is None:
            out(f"signed results: no demo key for the leader of {dossier.agency.name}")
            continue
        officer, signer = leader
        draft = services.draft_result_for_dossier(officer=officer, dossier=dossier)
        draft = services.review_result_draft(reviewer=officer, draft=draft)
        services.sign_decided_result(
            leader=officer, dossier=dossier, draft=draft, signer=signer, seal=keys.seal_of(dossier)
        )
        signed += 1
    total = Dossier.objects.filter(
        applicant_id_number__startswith=DEMO_ID_PREFIX, status__in=DECIDED
    ).count()
    out(f"signed results: {signed} signed now, {total} decided demo dossiers")
