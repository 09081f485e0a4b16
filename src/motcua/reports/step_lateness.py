"""Lateness per officer and per step, from the steps behind the control slips (form 06).

A step finished in the period is early when finished on a day before its due day, on time
when finished by its due moment, late after it (`deadlines.engine.classify_finished`, in
Vietnam's days); a step without a due moment counts as finished only. Steps still in progress
past their due moment are counted apart. Reads keep to the officer's report scope: steps done
by the agencies they read, or of the dossiers their centres received.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate

from motcua.accounts.models import User
from motcua.core.clock import VIETNAM
from motcua.dossiers.choices import StepStatus
from motcua.dossiers.models import DossierStep
from motcua.reports.queries import ReportScope, Slice, report_scope

GROUPS = ("officer", "step")
UNASSIGNED = "—"


@dataclass(frozen=True)
class LatenessRow:
    """One officer's (or one step's) finished steps in the period, and its open late ones."""

    key: str
    name: str
    finished: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    overdue_open: int = 0

    @property
    def judged(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def late_share(self) -> float | None:
        return self.late / self.judged if self.judged else None


def _scoped(scope: ReportScope) -> Q:
    if scope.everything:
        return Q()
    return Q(agency_id__in=scope.agency_ids) | Q(
        dossier__service_centre__unit_id__in=scope.unit_ids
    )


def _sliced(where: Slice) -> Q:
    condition = Q()
    if where.agency is not None:
        condition &= Q(agency_id=where.agency)
    if where.unit is not None:
        condition &= Q(dossier__service_centre__unit_id=where.unit)
    if where.level is not None:
        condition &= Q(agency__level_id=where.level)
    if where.sector is not None:
        condition &= Q(dossier__procedure_version__sector_id=where.sector)
    if where.procedure is not None:
        condition &= Q(dossier__procedure_version__procedure_id=where.procedure)
    return condition


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VIETNAM)


def _key_column(group: str) -> str:
    return "handler_id" if group == "officer" else "name"


def list_step_lateness(
    *,
    officer: Any,
    first_day: date,
    last_day: date,
    group: str,
    where: Slice | None = None,
    at: datetime,
    scope: ReportScope | None = None,
) -> list[LatenessRow]:
    """Rows per officer (`group="officer"`) or per step name (`"step"`), most late first.
    `scope` is the officer's `report_scope` when the caller has read it already.

    Raises ReportNotAllowed for an officer who reads no reports, ValueError for another group.
    """
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}")
    steps: QuerySet[DossierStep] = DossierStep.objects.filter(
        _scoped(scope or report_scope(officer=officer)), _sliced(where or Slice())
    )
    key = _key_column(group)
    finished = (
        steps.filter(
            finished_at__gte=_midnight(first_day),
            finished_at__lt=_midnight(last_day + timedelta(days=1)),
        )
        .annotate(
            finished_day=TruncDate("finished_at", tzinfo=VIETNAM),
            due_day=TruncDate("due_at", tzinfo=VIETNAM),
        )
        .values(key)
        .annotate(
            finished=Count("pk"),
            early=Count("pk", filter=Q(due_at__isnull=False, finished_day__lt=F("due_day"))),
            on_time=Count(
                "pk",
                filter=Q(
                    due_at__isnull=False,
                    finished_day__gte=F("due_day"),
                    finished_at__lte=F("due_at"),
                ),
            ),
            late=Count("pk", filter=Q(due_at__isnull=False, finished_at__gt=F("due_at"))),
        )
        .order_by()
    )
    overdue = (
        steps.filter(status=StepStatus.ACTIVE, due_at__lt=at)
        .values(key)
        .annotate(overdue_open=Count("pk"))
        .order_by()
    )
    rows: dict[Any, dict[str, int]] = {}
    for entry in finished:
        rows[entry[key]] = {name: entry[name] for name in ("finished", "early", "on_time", "late")}
    for entry in overdue:
        rows.setdefault(entry[key], {})["overdue_open"] = entry["overdue_open"]
    names = _names(group, rows)
    result = [
        LatenessRow(key="" if value is None else str(value), name=names[value], **counts)
        for value, counts in rows.items()
    ]
    return sorted(result, key=lambda row: (-row.late, -row.overdue_open, row.name))


def _names(group: str, rows: dict[Any, dict[str, int]]) -> dict[Any, str]:
    if group == "step":
        return {value: value or UNASSIGNED for value in rows}
    ids = [value for value in rows if value is not None]
    found = {
        pk: full_name or username
        for pk, full_name, username in User.objects.filter(pk__in=ids).values_list(
            "pk", "full_name", "username"
        )
    }
    return {value: found.get(value, UNASSIGNED) for value in rows}


def total_of(rows: list[LatenessRow]) -> LatenessRow:
    return LatenessRow(
        key="",
        name="",
        finished=sum(row.finished for row in rows),
        early=sum(row.early for row in rows),
        on_time=sum(row.on_time for row in rows),
        late=sum(row.late for row in rows),
        overdue_open=sum(row.overdue_open for row in rows),
    )
