"""Who may perform which act on a dossier.

- Intake acts (receive, refuse or return at intake, resubmit, return the result) belong to the
  intake officers and leaders of the receiving service centre.
- Approving the result belongs to a unit leader of the agency that holds the dossier.
- Completing a step belongs to whoever holds the step's role over the step's agency (an intake
  step: the receiving centre's intake officers).
- Answering a consultation belongs to the handlers and leaders of the consulted agency.
- The applicant who submitted a dossier online may withdraw it (Art. 21) and hand in the
  requested supplement themselves (`APPLICANT_ACTS`).
- Every other act belongs to the handlers and unit leaders of the agency holding the dossier,
  and to the receiving centre's intake officers and leaders.
"""

from typing import Any

from motcua.dossiers.models import Dossier
from motcua.organizations.choices import Role
from motcua.organizations.models import Agency
from motcua.organizations.queries import has_role

CENTRE_ROLES = (Role.INTAKE_OFFICER, Role.CENTRE_LEADER)
AGENCY_ROLES = (Role.HANDLER, Role.UNIT_LEADER)
APPLICANT_ACTS = frozenset({"withdraw", "receive-supplement"})
INTAKE_ACTS = frozenset(
    {"receive", "refuse-at-intake", "return-for-supplement", "resubmit", "return-result"}
)


def is_at_centre(officer: Any, dossier: Dossier) -> bool:
    return any(
        has_role(user=officer, role=role, service_centre=dossier.service_centre)
        for role in CENTRE_ROLES
    )


def is_own_dossier(user: Any, dossier: Dossier) -> bool:
    """Whether `user` submitted the dossier online (for themselves or someone they represent)."""
    return dossier.applicant_user_id is not None and dossier.applicant_user_id == getattr(
        user, "pk", None
    )


def is_at_agency(officer: Any, agency: Agency, roles: tuple[str, ...] = AGENCY_ROLES) -> bool:
    return any(_agency_role(officer, role, agency) for role in roles)


def _agency_role(officer: Any, role: str, agency: Agency) -> bool:
    # has_role lets a centre-scoped role reach every agency; agency roles are checked here, so
    # only assignments to the agency (or above it) count.
    return role in AGENCY_ROLES and has_role(user=officer, role=role, agency=agency)


def can_act(
    *,
    officer: Any,
    dossier: Dossier,
    act: str,
    step_role: str | None = None,
    agency: Agency | None = None,
) -> bool:
    """Whether `officer` may perform `act` on `dossier` (see the module's rules).

    `step_role` is the role of the step being completed; `agency` the consulted agency for
    `answer-consultation`.
    """
    if officer is None:
        return True
    if act in APPLICANT_ACTS and is_own_dossier(officer, dossier):
        return True
    if act in INTAKE_ACTS:
        return is_at_centre(officer, dossier)
    if act == "approve-result":
        return is_at_agency(officer, dossier.current_agency, (Role.UNIT_LEADER,))
    if act == "answer-consultation" and agency is not None:
        return is_at_agency(officer, agency)
    if act == "complete-step" and step_role is not None:
        if step_role in CENTRE_ROLES:
            return is_at_centre(officer, dossier)
        return is_at_agency(officer, dossier.current_agency, (step_role,))
    return is_at_agency(officer, dossier.current_agency) or is_at_centre(officer, dossier)


def can_reassign(*, officer: Any, dossier: Dossier, step_role: str) -> bool:
    """Whether `officer` may give a step of `step_role` to another officer: a unit leader of
    the agency holding the dossier, or a centre leader of the receiving centre for the
    one-stop's own steps."""
    if officer is None:
        return True
    if step_role in CENTRE_ROLES:
        return has_role(
            user=officer, role=Role.CENTRE_LEADER, service_centre=dossier.service_centre
        )
    return is_at_agency(officer, dossier.current_agency, (Role.UNIT_LEADER,))
