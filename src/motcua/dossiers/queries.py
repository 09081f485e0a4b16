"""Reads of dossiers, scoped to the asking officer. Missing and out of scope look the same.

Who sees what (organizations.queries gives the scopes):
- a province-wide role (administrator, steering member, province auditor) sees every dossier;
- intake officers and centre leaders see the dossiers received at their centres;
- handlers, unit leaders and agency auditors see the dossiers their agencies settle (lead
  agency) or hold now, and those they are consulted on.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.core.clock import VIETNAM, now
from motcua.core.text import fold
from motcua.dossiers.choices import DossierStatus, StepStatus
from motcua.dossiers.errors import DossierNotFound, InvalidInput
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Consultation,
    Dossier,
    DossierDocument,
    DossierStep,
    TimelineEntry,
)
from motcua.organizations.choices import Role, RoleScope
from motcua.organizations.models import ServiceCentre
from motcua.organizations.queries import (
    list_agencies_in_scope,
    list_role_assignments,
    list_role_holders,
    list_service_centres_in_scope,
)

CENTRE_ROLES = (Role.INTAKE_OFFICER, Role.CENTRE_LEADER)
AGENCY_ROLES = (Role.HANDLER, Role.UNIT_LEADER, Role.AUDITOR)


@dataclass(frozen=True)
class Reach:
    """What an officer's roles reach today."""

    province_wide: bool
    centre_ids: frozenset[int]
    agency_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not (self.province_wide or self.centre_ids or self.agency_ids)


def get_reach(*, officer: Any) -> Reach:
    """The centres and agencies whose dossiers `officer` may read."""
    assignments = list(list_role_assignments(user=officer))
    if any(assignment.scope == RoleScope.PROVINCE for assignment in assignments):
        return Reach(True, frozenset(), frozenset())
    roles = {assignment.role for assignment in assignments}
    centres: set[int] = set()
    agencies: set[int] = set()
    for role in roles:
        if role in CENTRE_ROLES:
            centres |= set(
                list_service_centres_in_scope(user=officer, role=role).values_list("pk", flat=True)
            )
        elif role in AGENCY_ROLES:
            agencies |= set(
                list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True)
            )
    return Reach(False, frozenset(centres), frozenset(agencies))


def _visible(dossiers: QuerySet[Dossier], reach: Reach) -> QuerySet[Dossier]:
    if reach.province_wide:
        return dossiers
    if reach.is_empty:
        return dossiers.none()
    condition = Q(service_centre_id__in=reach.centre_ids)
    if reach.agency_ids:
        consulted = Consultation.objects.filter(
            dossier_id=OuterRef("pk"), agency_id__in=reach.agency_ids
        )
        condition |= Q(agency_id__in=reach.agency_ids)
        condition |= Q(current_agency_id__in=reach.agency_ids)
        condition |= Q(Exists(consulted))
    return dossiers.filter(condition)


def list_dossiers_for_officer(
    *,
    officer: Any,
    status: str | None = None,
    overdue: bool | None = None,
    q: str = "",
    at: datetime | None = None,
) -> QuerySet[Dossier]:
    """Dossiers the officer may read, most recent first, filtered by status, overdue, text.

    `q` matches the code's beginning or the applicant's name without regard to accents;
    `overdue` keeps open dossiers past their due moment (or, False, the others).
    """
    moment = at or now()
    dossiers = _visible(Dossier.objects.all(), get_reach(officer=officer))
    if status:
        dossiers = dossiers.filter(status=status)
    if overdue is not None:
        late = Q(status__in=OPEN_STATUSES, due_at__lt=moment)
        dossiers = dossiers.filter(late) if overdue else dossiers.exclude(late)
    words = fold(q).split()
    for word in words:
        dossiers = dossiers.filter(
            Q(code__istartswith=word) | Q(applicant_name_folded__contains=word)
        )
    return dossiers.select_related(
        "procedure_version__procedure", "variant", "service_centre", "agency", "current_agency"
    ).order_by("-received_at", "-pk")


def get_dossier_for_officer(*, officer: Any, code: str) -> Dossier:
    """The dossier with `code` if the officer may read it. Raises DossierNotFound (both when
    it does not exist and when it is out of the officer's scope)."""
    dossier = (
        _visible(Dossier.objects.filter(code=code), get_reach(officer=officer))
        .select_related(
            "procedure_version__procedure",
            "variant",
            "service_centre__agency",
            "agency",
            "current_agency",
            "receiving_officer",
            "current_handler",
        )
        .first()
    )
    if dossier is None:
        raise DossierNotFound(_("There is no dossier “%(code)s” you may see.") % {"code": code})
    return dossier


def list_handler_queue(*, officer: Any, limit: int = 50) -> QuerySet[Dossier]:
    """The dossiers waiting on the handler: an active step of their role at one of their
    agencies, given to them or to nobody yet; soonest due first."""
    agencies = list(
        list_agencies_in_scope(user=officer, role=Role.HANDLER).values_list("pk", flat=True)
    )
    waiting = DossierStep.objects.filter(
        dossier_id=OuterRef("pk"), status="active", role=Role.HANDLER
    ).filter(Q(handler__isnull=True) | Q(handler=officer))
    return (
        Dossier.objects.filter(current_agency_id__in=agencies, status=DossierStatus.PROCESSING)
        .filter(Exists(waiting))
        .select_related("procedure_version", "current_agency")
        .order_by("due_at", "pk")[:limit]
    )


def list_intake_queue(*, officer: Any) -> QuerySet[Dossier]:
    """Online dossiers waiting at the officer's centres, the oldest intake deadline first."""
    centres = list_service_centres_in_scope(user=officer, role=Role.INTAKE_OFFICER)
    return (
        Dossier.objects.filter(service_centre__in=centres, status=DossierStatus.SUBMITTED)
        .select_related("procedure_version")
        .order_by("intake_due_at", "pk")
    )


def list_timeline(*, dossier: Dossier) -> QuerySet[TimelineEntry]:
    """Every act on the dossier in order (the caller already read the dossier through
    `get_dossier_for_officer`)."""
    return dossier.timeline.order_by("at", "pk")


# --- The handler's queue, documents, hand-over candidates and the register (form 07) ---------

QUEUE_NAMES = ("awaiting", "mine", "unit")
MAX_ROW_ID = 2**63 - 1
# Open for the officers: the applicant may still be waiting on them (the result included).
IN_WORK = (*OPEN_STATUSES, DossierStatus.RESULT_READY)


def _queue_condition(*, officer: Any, queue: str) -> Q:
    """mine: a step in progress given to the officer; awaiting: a step in progress of one of
    the officer's roles where they hold it, free or theirs, an online dossier awaiting intake
    at their centre, or a consultation of their agency not answered yet; unit: every open
    dossier held by their agencies or received at their centres (all, province-wide)."""
    assignments = list(list_role_assignments(user=officer))
    roles = {assignment.role for assignment in assignments}
    if queue == "unit" and any(a.scope == RoleScope.PROVINCE for a in assignments):
        return Q(status__in=IN_WORK)
    by_role = {
        role: list(list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True))
        for role in (Role.HANDLER, Role.UNIT_LEADER)
        if role in roles
    }
    agencies = {pk for pks in by_role.values() for pk in pks}
    centres = {
        pk
        for role in CENTRE_ROLES
        if role in roles
        for pk in list_service_centres_in_scope(user=officer, role=role).values_list(
            "pk", flat=True
        )
    }
    where = Q(current_agency_id__in=agencies) | Q(service_centre_id__in=centres)
    active = DossierStep.objects.filter(dossier_id=OuterRef("pk"), status=StepStatus.ACTIVE)
    if queue == "mine":
        return Q(status__in=IN_WORK) & where & Q(Exists(active.filter(handler=officer)))
    if queue == "unit":
        return Q(status__in=IN_WORK) & where
    free_or_mine = Q(handler__isnull=True) | Q(handler=officer)
    condition = Q(pk__in=[])
    for role, pks in by_role.items():
        steps = active.filter(free_or_mine, role=role, agency_id__in=pks)
        condition |= Q(current_agency_id__in=pks) & Q(Exists(steps))
    if agencies:
        consulted = Consultation.objects.filter(
            dossier_id=OuterRef("pk"), agency_id__in=agencies, answered_at__isnull=True
        )
        condition |= Q(status=DossierStatus.PROCESSING) & Q(Exists(consulted))
    if centres:
        centre_steps = active.filter(free_or_mine, role__in=CENTRE_ROLES)
        condition |= Q(service_centre_id__in=centres) & (
            Q(Exists(centre_steps)) | Q(status=DossierStatus.SUBMITTED)
        )
    return condition & Q(status__in=IN_WORK)


def list_officer_queue(*, officer: Any, queue: str) -> QuerySet[Dossier]:
    """One of the officer's work queues (`QUEUE_NAMES`), inside what they may read, soonest
    due first (online dossiers by their intake deadline). Raises ValueError for another name.
    """
    if queue not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue!r}")
    dossiers = _visible(Dossier.objects.all(), get_reach(officer=officer))
    return (
        dossiers.filter(_queue_condition(officer=officer, queue=queue))
        .select_related("procedure_version", "current_agency", "current_handler")
        .order_by(F("due_at").asc(nulls_last=True), F("intake_due_at").asc(nulls_last=True), "pk")
    )


def get_document_for_officer(*, officer: Any, code: str, document_id: int) -> DossierDocument:
    """A stored document of a dossier the officer may read. Raises DossierNotFound (a missing
    document, a document of another dossier and a dossier out of scope look the same)."""
    dossier = get_dossier_for_officer(officer=officer, code=code)
    # A number no row can bear (the databases refuse it in a query) is simply not found.
    in_range = 0 < document_id <= MAX_ROW_ID
    document = dossier.documents.filter(pk=document_id).first() if in_range else None
    if document is None or not document.file:
        raise DossierNotFound(
            _("There is no such document in dossier “%(code)s”.") % {"code": code}
        )
    return document


def list_step_candidates(*, officer: Any, dossier: Dossier) -> QuerySet[Any]:
    """The officers who may take the dossier's current step (its role where it is held), for
    a leader reassigning it; none when no step is in progress. The caller read the dossier
    through `get_dossier_for_officer`."""
    step = (
        dossier.steps.filter(status=StepStatus.ACTIVE).select_related("agency").order_by("order")
    ).first()
    if step is None:
        return list_role_holders(role=Role.HANDLER).none()
    if step.role in CENTRE_ROLES:
        return list_role_holders(role=step.role, service_centre=dossier.service_centre)
    return list_role_holders(role=step.role, agency=step.agency or dossier.current_agency)


# Form 07 is kept per year: one register covers at most a year's days.
REGISTER_MAX_DAYS = 366


def list_register_centres(*, officer: Any) -> QuerySet[ServiceCentre]:
    """The service centres whose register (form 07) the officer may print: intake officers
    and centre leaders their centres; unit leaders and province-wide roles every centre
    (their dossiers only: see `list_register_dossiers`)."""
    assignments = list(list_role_assignments(user=officer))
    centres = ServiceCentre.objects.filter(is_active=True).select_related("agency", "unit")
    if any(a.scope == RoleScope.PROVINCE for a in assignments) or any(
        a.role == Role.UNIT_LEADER for a in assignments
    ):
        return centres.order_by("name")
    reached: set[int] = set()
    for role in CENTRE_ROLES:
        if any(a.role == role for a in assignments):
            reached |= set(
                list_service_centres_in_scope(user=officer, role=role).values_list("pk", flat=True)
            )
    return centres.filter(pk__in=reached).order_by("name")


def list_register_dossiers(
    *,
    officer: Any,
    centre: ServiceCentre,
    period_from: date,
    period_to: date,
    agency_id: int | None = None,
) -> QuerySet[Dossier]:
    """The dossiers received at `centre` from `period_from` to `period_to` (days in Vietnam,
    both included) that the officer may read, optionally those led by one agency; in order
    of receipt, with what form 07 prints. Raises InvalidInput for a period that ends before
    it starts or spans more than REGISTER_MAX_DAYS days."""
    if period_to < period_from:
        raise InvalidInput(_("The period ends before it starts."), field="to")
    if (period_to - period_from).days >= REGISTER_MAX_DAYS:
        raise InvalidInput(
            _("A register covers at most %(days)d days.") % {"days": REGISTER_MAX_DAYS},
            field="to",
        )
    start = datetime.combine(period_from, time.min, tzinfo=VIETNAM)
    end = datetime.combine(period_to + timedelta(days=1), time.min, tzinfo=VIETNAM)
    dossiers = _visible(
        Dossier.objects.filter(service_centre=centre, received_at__gte=start, received_at__lt=end),
        get_reach(officer=officer),
    )
    if agency_id is not None:
        dossiers = dossiers.filter(agency_id=agency_id)
    return (
        dossiers.select_related("procedure_version", "agency")
        .prefetch_related("handovers")
        .order_by("received_at", "pk")
    )
