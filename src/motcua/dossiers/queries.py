"""Reads of dossiers, scoped to the asking officer. Missing and out of scope look the same.

Who sees what (organizations.queries gives the scopes):
- a province-wide role (administrator, steering member, province auditor) sees every dossier;
- intake officers and centre leaders see the dossiers received at their centres;
- handlers, unit leaders and agency auditors see the dossiers their agencies settle (lead
  agency) or hold now, and those they are consulted on.

The back office's work queues (mine, my unit's, awaiting me, online dossiers awaiting intake)
narrow that set; see the section "Work queues" below.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q, QuerySet
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


class _EqualsAny(Func):
    """`column = ANY(array)` (PostgreSQL): the two expressions joined by ` = ANY(`."""

    arity = 2
    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def among(ids: QuerySet[Any]) -> Q:
    """The dossiers whose id is among `ids` (a one-column queryset of dossier ids).

    On PostgreSQL `id = ANY(ARRAY(subquery))`: the subquery runs once before the scan and its
    array drives the primary key's index, so, ORed with other indexed conditions, PostgreSQL
    combines bitmap index scans; `id IN (subquery)` ORed with them is tested row by row over
    the whole table (0.5 s at 1,000,000 dossiers).
    """
    ids = ids.order_by()  # a model's default ordering would join and sort for nothing
    if connection.vendor == "postgresql":
        return Q(_EqualsAny(F("pk"), ArraySubquery(ids)))
    return Q(pk__in=ids)


def _visible(dossiers: QuerySet[Dossier], reach: Reach) -> QuerySet[Dossier]:
    if reach.province_wide:
        return dossiers
    if reach.is_empty:
        return dossiers.none()
    # Every branch starts from an index: centre, lead agency, holding agency, and the ids of
    # the dossiers the agencies are consulted on.
    condition = Q(service_centre_id__in=reach.centre_ids)
    if reach.agency_ids:
        consulted = Consultation.objects.filter(agency_id__in=reach.agency_ids)
        condition |= Q(agency_id__in=reach.agency_ids)
        condition |= Q(current_agency_id__in=reach.agency_ids)
        condition |= among(consulted.values("dossier_id"))
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
    return _newest_first(dossiers)


def _newest_first(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
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


# --- Work queues of the back office --------------------------------------------------------
#
# Narrowings of what an officer may see (`Desk.visible`) into work queues:
# - mine: open dossiers with a step in progress given to the officer;
# - awaiting me: a step in progress of one of the officer's roles at one of their agencies or
#   centres, given to them or to nobody yet; an online dossier at their centre awaiting intake;
#   a consultation of their agency not answered yet;
# - my unit's: open dossiers held by the officer's agencies or received at their centres (all
#   open dossiers for a province-wide role).

QUEUES = ("awaiting", "mine", "unit", "intake")
# Open for the officers: the applicant may still be waiting on them (the result included).
IN_WORK = (*OPEN_STATUSES, DossierStatus.RESULT_READY)
# The statutory clock runs in these statuses (it stops while a supplement is awaited).
CLOCK_RUNNING = (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.AWAITING_PAYMENT)
DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class Desk:
    """What an officer's roles reach today, role by role, and every dossier they may see
    (`visible`, the dossier app's scope, not evaluated yet); read once per request."""

    officer: Any
    visible: QuerySet[Dossier]
    roles: frozenset[str]
    province_wide: bool
    centre_ids: frozenset[int]
    centre_agency_ids: frozenset[int]
    handler_agency_ids: frozenset[int]
    leader_agency_ids: frozenset[int]

    @property
    def agency_ids(self) -> frozenset[int]:
        return self.handler_agency_ids | self.leader_agency_ids

    @property
    def receives_dossiers(self) -> bool:
        return bool(self.centre_ids)


def _agency_ids(officer: Any, role: str, roles: set[str]) -> frozenset[int]:
    if role not in roles:
        return frozenset()
    return frozenset(list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True))


def get_desk(*, officer: Any) -> Desk:
    """The centres and agencies where `officer` works today, by role, and what they may see
    (the same scope as `list_dossiers_for_officer`, read from the same role assignments)."""
    assignments = list(list_role_assignments(user=officer))
    roles = {assignment.role for assignment in assignments}
    province_wide = any(a.scope == RoleScope.PROVINCE for a in assignments)
    centres: dict[int, int] = {}
    for role in CENTRE_ROLES:
        if role in roles:
            centres |= dict(
                list_service_centres_in_scope(user=officer, role=role).values_list(
                    "pk", "agency_id"
                )
            )
    handler_agency_ids = _agency_ids(officer, Role.HANDLER, roles)
    leader_agency_ids = _agency_ids(officer, Role.UNIT_LEADER, roles)
    reach = Reach(
        province_wide,
        frozenset() if province_wide else frozenset(centres),
        frozenset()
        if province_wide
        else handler_agency_ids | leader_agency_ids | _agency_ids(officer, Role.AUDITOR, roles),
    )
    return Desk(
        officer=officer,
        visible=_newest_first(_visible(Dossier.objects.all(), reach)),
        roles=frozenset(roles),
        province_wide=province_wide,
        centre_ids=frozenset(centres),
        centre_agency_ids=frozenset(centres.values()),
        handler_agency_ids=handler_agency_ids,
        leader_agency_ids=leader_agency_ids,
    )


def _free_or_mine(officer: Any) -> Q:
    return Q(handler__isnull=True) | Q(handler=officer)


def _consulted_open(desk: Desk) -> Q:
    """Dossiers with a consultation of the officer's agencies not answered yet."""
    if not desk.agency_ids:
        return Q(pk__in=[])
    consultations = Consultation.objects.filter(
        agency_id__in=desk.agency_ids, answered_at__isnull=True
    )
    return among(consultations.values("dossier_id"))


def awaiting_condition(desk: Desk) -> Q:
    """Dossiers waiting on the officer (see the module's rules).

    Each branch starts from an indexed column, so PostgreSQL combines index scans instead of
    testing every dossier: a step in progress is always at the agency holding the dossier
    (`current_agency`, as the dossier services move it), a centre's steps at its dossiers, and
    the centre's own steps at the centre's agency, and the open consultations' dossier ids
    (`among`).
    """
    officer = desk.officer
    condition = Q(pk__in=[])
    for role, agencies in (
        (Role.HANDLER, desk.handler_agency_ids),
        (Role.UNIT_LEADER, desk.leader_agency_ids),
    ):
        if agencies:
            steps = DossierStep.objects.filter(
                _free_or_mine(officer),
                dossier_id=OuterRef("pk"),
                status=StepStatus.ACTIVE,
                role=role,
                agency_id__in=agencies,
            )
            condition |= Q(current_agency_id__in=agencies) & Q(Exists(steps))
    if desk.agency_ids:
        condition |= _consulted_open(desk) & Q(status=DossierStatus.PROCESSING)
    if desk.centre_ids:
        centre_steps = DossierStep.objects.filter(
            _free_or_mine(officer),
            dossier_id=OuterRef("pk"),
            status=StepStatus.ACTIVE,
            role__in=CENTRE_ROLES,
        )
        # The centre's own steps (intake, return) run while its agency holds the dossier.
        at_centre = Q(current_agency_id__in=desk.centre_agency_ids) & Q(Exists(centre_steps))
        condition |= Q(service_centre_id__in=desk.centre_ids) & (
            at_centre | Q(status=DossierStatus.SUBMITTED)
        )
    return condition & Q(status__in=IN_WORK)


def mine_condition(desk: Desk) -> Q:
    # The officer's steps in progress are few: their dossier ids come first (the steps'
    # (handler, status) index), within the agencies and centres where the officer works.
    if not (desk.agency_ids or desk.centre_ids):
        return Q(pk__in=[])
    steps = DossierStep.objects.filter(status=StepStatus.ACTIVE, handler=desk.officer)
    where = Q(current_agency_id__in=desk.agency_ids) | Q(service_centre_id__in=desk.centre_ids)
    return Q(status__in=IN_WORK) & where & among(steps.values("dossier_id"))


def unit_condition(desk: Desk) -> Q:
    if desk.province_wide:
        return Q(status__in=IN_WORK)
    return Q(status__in=IN_WORK) & (
        Q(current_agency_id__in=desk.agency_ids) | Q(service_centre_id__in=desk.centre_ids)
    )


def intake_condition(desk: Desk) -> Q:
    return Q(status=DossierStatus.SUBMITTED, service_centre_id__in=desk.centre_ids)


def queue_condition(desk: Desk, queue: str) -> Q:
    """The condition of queue `queue` (one of QUEUES)."""
    conditions = {
        "awaiting": awaiting_condition,
        "mine": mine_condition,
        "unit": unit_condition,
        "intake": intake_condition,
    }
    return conditions[queue](desk)


def search_condition(q: str) -> Q:
    """Every word matches the code's beginning, the applicant's name without accents, the
    phone or the ID number (digits, as typed without spaces)."""
    condition = Q()
    for word in fold(q).split():
        matches = Q(code__istartswith=word) | Q(applicant_name_folded__contains=word)
        digits = word.replace(".", "").replace("-", "")
        if len(digits) >= 4 and set(digits) <= DIGITS | {"+"}:
            matches |= Q(applicant_phone__contains=digits)
            matches |= Q(applicant_id_number__startswith=digits)
        condition &= matches
    return condition


def list_queue(*, desk: Desk, queue: str) -> QuerySet[Dossier]:
    """A work queue, soonest due first (online dossiers: soonest intake deadline first)."""
    dossiers = desk.visible.filter(queue_condition(desk, queue))
    if queue == "intake":
        return dossiers.order_by(F("intake_due_at").asc(nulls_last=True), "pk")
    return dossiers.order_by(F("due_at").asc(nulls_last=True), "pk")


def list_rows(*, ids: Sequence[int]) -> list[Dossier]:
    """The dossiers of a page, in the order of `ids` (taken from a scoped list), with what a
    row shows, in one query.

    Lists pick their page of ids first, then read those rows: sorting the page over joins
    let PostgreSQL's planner pick nested loops over every candidate (0.6 s at 1,000,000
    dossiers, 30 ms in two steps).
    """
    rows = Dossier.objects.filter(pk__in=list(ids)).select_related("procedure_version")
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def count_queues(*, desk: Desk, at: datetime, boundary: datetime) -> dict[str, int]:
    """The size of every queue, and the overdue and approaching dossiers of the officer's unit
    (the whole province for a province-wide role).

    One count per queue: each starts from its own index, where one query with a filter per
    queue would test every dossier the officer may see.
    """
    counts = {
        queue: desk.visible.filter(queue_condition(desk, queue)).order_by().count()
        for queue in QUEUES
    }
    late = (
        desk.visible.filter(unit_condition(desk))
        .order_by()
        .aggregate(
            **{
                progress: Count("pk", filter=progress_condition(progress, at=at, boundary=boundary))
                for progress in ("overdue", "approaching")
            }
        )
    )
    return counts | late


def progress_condition(progress: str, *, at: datetime, boundary: datetime) -> Q:
    """The SQL condition of an in-progress class (`overdue`, `approaching`, `within_time`)."""
    running = Q(status__in=CLOCK_RUNNING, due_at__isnull=False)
    if progress == "overdue":
        return running & Q(due_at__lt=at)
    if progress == "approaching":
        return running & Q(due_at__gte=at, due_at__lt=boundary)
    if progress == "within_time":
        return running & Q(due_at__gte=boundary)
    raise ValueError(f"unknown progress class {progress!r}")


# --- The handler's queue, documents, hand-over candidates and the register (form 07) ---------

QUEUE_NAMES = ("awaiting", "mine", "unit")
MAX_ROW_ID = 2**63 - 1


def list_officer_queue(*, officer: Any, queue: str) -> QuerySet[Dossier]:
    """One of the officer's work queues (`QUEUE_NAMES`), inside what they may read, soonest
    due first (online dossiers by their intake deadline). Raises ValueError for another name.
    """
    if queue not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue!r}")
    desk = get_desk(officer=officer)
    return (
        desk.visible.filter(queue_condition(desk, queue))
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
