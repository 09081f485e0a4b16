"""Reads of the roll-up facts: form II.06a, dashboard slices, trends, the public page.

Every read for staff takes the asking officer and keeps to what the officer may see
(`report_scope`): province-wide roles see the province, unit leaders and agency auditors their
agencies, centre leaders what their centres received. Each read is one grouped query over
`DailyFact`, plus one query for the names of the rows shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from motcua.catalog.models import ProcedureVersion, Sector
from motcua.organizations.choices import Role
from motcua.organizations.models import AdministrativeLevel, AdministrativeUnit, Agency
from motcua.organizations.queries import (
    has_role,
    list_agencies_in_scope,
    list_role_assignments,
    list_service_centres_in_scope,
)
from motcua.reports.models import DailyFact

PROVINCE_WIDE_ROLES = (Role.PROVINCE_ADMIN, Role.STEERING_MEMBER)
# Dimensions a report is grouped by, and the drill-down order of the dashboard.
GROUPINGS = ("level", "agency", "unit", "sector", "procedure")


class ReportNotAllowed(Exception):
    """The officer holds no role that reads reports (a leader, auditor or administrator)."""


@dataclass(frozen=True)
class ReportScope:
    """What an officer may read: everything, or facts of these agencies or receiving units."""

    everything: bool = False
    agency_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()

    def condition(self) -> Q:
        if self.everything:
            return Q()
        return Q(agency_id__in=self.agency_ids) | Q(unit_id__in=self.unit_ids)


def report_scope(*, officer: Any) -> ReportScope:
    """The officer's reach over the facts; raises ReportNotAllowed for other staff."""
    if any(has_role(user=officer, role=role) for role in PROVINCE_WIDE_ROLES):
        return ReportScope(everything=True)
    auditing = list_role_assignments(user=officer).filter(role=Role.AUDITOR)
    if any(assignment.scope == "province" for assignment in auditing):
        return ReportScope(everything=True)
    agencies: set[int] = set()
    for role in (Role.UNIT_LEADER, Role.AUDITOR):
        agencies |= set(
            list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True)
        )
    units = set(
        list_service_centres_in_scope(user=officer, role=Role.CENTRE_LEADER).values_list(
            "unit_id", flat=True
        )
    )
    if not agencies and not units:
        raise ReportNotAllowed
    return ReportScope(agency_ids=frozenset(agencies), unit_ids=frozenset(units))


@dataclass(frozen=True)
class Slice:
    """Which facts to read: any of the dimensions fixed (None: all)."""

    level: int | None = None
    agency: int | None = None
    unit: int | None = None
    sector: int | None = None
    procedure: int | None = None

    def condition(self) -> Q:
        condition = Q()
        for name in GROUPINGS:
            value = getattr(self, name)
            if value is not None:
                condition &= Q(**{f"{name}_id": value})
        return condition


@dataclass
class FormRow:
    """One row of form II.06a (or its total)."""

    key: int | None
    name: str
    received_online: int = 0
    received_in_person: int = 0
    received_postal: int = 0
    carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    withdrawn: int = 0
    refused: int = 0
    in_progress: int = 0
    overdue: int = 0
    resolution_working_seconds: int = 0

    @property
    def received_in_period(self) -> int:
        return self.received_online + self.received_in_person + self.received_postal

    @property
    def received_in_person_or_postal(self) -> int:
        return self.received_in_person + self.received_postal

    @property
    def total(self) -> int:
        return self.received_in_period + self.carried_over

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def within_time(self) -> int:
        return self.in_progress - self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Share resolved early or on time among those resolved (None when none were)."""
        if not self.resolved:
            return None
        return (self.resolved_early + self.resolved_on_time) / self.resolved

    @property
    def online_share(self) -> float | None:
        """Share of the dossiers received in the period that came online."""
        if not self.received_in_period:
            return None
        return self.received_online / self.received_in_period

    @property
    def average_resolution_hours(self) -> float | None:
        if not self.resolved:
            return None
        return self.resolution_working_seconds / 3600 / self.resolved


def _period_sums(first_day: date, last_day: date) -> dict[str, Any]:
    """Aggregates giving form II.06a's columns for the period from facts up to `last_day`."""
    before = Q(day__lt=first_day)
    within = Q(day__gte=first_day, day__lte=last_day)

    def total(expression: Any, condition: Q) -> Coalesce:
        return Coalesce(Sum(expression, filter=condition) if condition else Sum(expression), 0)

    ended = F("resolved_early") + F("resolved_on_time") + F("resolved_late") + F("withdrawn")
    ended = ended + F("refused")
    return {
        "sum_received_online": total("received", within & Q(channel=2)),
        "sum_received_in_person": total("received", within & Q(channel=1)),
        "sum_received_postal": total("received", within & Q(channel=3)),
        "sum_received_before": total("received", before),
        "sum_ended_before": total(ended, before),
        "sum_resolved_early": total("resolved_early", within),
        "sum_resolved_on_time": total("resolved_on_time", within),
        "sum_resolved_late": total("resolved_late", within),
        "sum_withdrawn": total("withdrawn", within),
        "sum_refused": total("refused", within),
        "sum_received_by_end": total("received", Q()),
        "sum_ended_by_end": total(ended, Q()),
        "sum_due_by_end": total("due", Q()),
        "sum_settled_by_end": total("settled", Q()),
        "sum_resolution_working_seconds": total("resolution_working_seconds", within),
    }


def _row(key: int | None, name: str, sums: dict[str, Any]) -> FormRow:
    return FormRow(
        key=key,
        name=name,
        received_online=sums["sum_received_online"],
        received_in_person=sums["sum_received_in_person"],
        received_postal=sums["sum_received_postal"],
        carried_over=sums["sum_received_before"] - sums["sum_ended_before"],
        resolved_early=sums["sum_resolved_early"],
        resolved_on_time=sums["sum_resolved_on_time"],
        resolved_late=sums["sum_resolved_late"],
        withdrawn=sums["sum_withdrawn"],
        refused=sums["sum_refused"],
        in_progress=sums["sum_received_by_end"] - sums["sum_ended_by_end"],
        overdue=sums["sum_due_by_end"] - sums["sum_settled_by_end"],
        resolution_working_seconds=sums["sum_resolution_working_seconds"],
    )


def _facts(scope: ReportScope, where: Slice, last_day: date) -> QuerySet[DailyFact]:
    return DailyFact.objects.filter(scope.condition(), where.condition(), day__lte=last_day)


def names_of(grouping: str, keys: Iterable[int]) -> dict[int, str]:
    """The names of the rows of a grouping (one query)."""
    wanted = [key for key in keys if key is not None]
    if grouping == "agency":
        return dict(Agency.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "unit":
        return dict(AdministrativeUnit.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "level":
        return dict(AdministrativeLevel.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "sector":
        return dict(Sector.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "procedure":
        versions = ProcedureVersion.objects.filter(procedure_id__in=wanted, is_latest=True)
        return {
            procedure_id: f"{code} · {name}"
            for procedure_id, code, name in versions.values_list(
                "procedure_id", "procedure__code", "name"
            )
        }
    raise ValueError(f"unknown grouping {grouping!r}")


@dataclass
class FormReport:
    """Form II.06a for a period: one row per group, and the total."""

    first_day: date
    last_day: date
    grouping: str
    rows: list[FormRow]
    total: FormRow


def build_form_ii06a(
    *,
    officer: Any,
    first_day: date,
    last_day: date,
    grouping: str = "agency",
    where: Slice | None = None,
) -> FormReport:
    """Form II.06a (Circular 01/2020/TT-VPCP) from the facts, grouped by `grouping`.

    Raises ReportNotAllowed for an officer who reads no reports, ValueError for an unknown
    grouping or a period ending before it starts.
    """
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}")
    if last_day < first_day:
        raise ValueError("the period ends before it starts")
    scope = report_scope(officer=officer)
    facts = _facts(scope, where or Slice(), last_day)
    sums = _period_sums(first_day, last_day)
    grouped = list(facts.values(f"{grouping}_id").annotate(**sums).order_by(f"{grouping}_id"))
    names = names_of(grouping, [entry[f"{grouping}_id"] for entry in grouped])
    rows = [
        _row(entry[f"{grouping}_id"], names.get(entry[f"{grouping}_id"], "—"), entry)
        for entry in grouped
    ]
    rows = [row for row in rows if row.total or row.resolved or row.in_progress]
    rows.sort(key=lambda row: row.name)
    total = FormRow(key=None, name="")
    for row in rows:
        for name in (
            "received_online",
            "received_in_person",
            "received_postal",
            "carried_over",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "withdrawn",
            "refused",
            "in_progress",
            "overdue",
            "resolution_working_seconds",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return FormReport(
        first_day=first_day, last_day=last_day, grouping=grouping, rows=rows, total=total
    )


@dataclass(frozen=True)
class MonthPoint:
    month: int
    received: int
    resolved: int
    resolved_on_time: int
    received_online: int

    @property
    def on_time_rate(self) -> float | None:
        return self.resolved_on_time / self.resolved if self.resolved else None


def list_monthly_trend(*, officer: Any, year: int, where: Slice | None = None) -> list[MonthPoint]:
    """Received, resolved and on time per month of `year` (12 points, one query)."""
    scope = report_scope(officer=officer)
    facts = DailyFact.objects.filter(
        scope.condition(),
        (where or Slice()).condition(),
        day__gte=date(year, 1, 1),
        day__lte=date(year, 12, 31),
    )
    rows = {
        entry["month"]: entry
        for entry in facts.annotate(month=ExtractMonth("day"))
        .values("month")
        .annotate(
            received_sum=Coalesce(Sum("received"), 0),
            online_sum=Coalesce(Sum("received", filter=Q(channel=2)), 0),
            early_sum=Coalesce(Sum("resolved_early"), 0),
            on_time_sum=Coalesce(Sum("resolved_on_time"), 0),
            late_sum=Coalesce(Sum("resolved_late"), 0),
        )
        .order_by("month")
    }
    points = []
    for month in range(1, 13):
        entry: dict[str, Any] = dict(rows.get(month, {}))
        early, on_time = entry.get("early_sum", 0), entry.get("on_time_sum", 0)
        points.append(
            MonthPoint(
                month=month,
                received=entry.get("received_sum", 0),
                resolved=early + on_time + entry.get("late_sum", 0),
                resolved_on_time=early + on_time,
                received_online=entry.get("online_sum", 0),
            )
        )
    return points


@dataclass(frozen=True)
class PublicRate:
    name: str
    resolved: int
    on_time: int

    @property
    def rate(self) -> float:
        return self.on_time / self.resolved


def list_public_on_time_rates(*, year: int, grouping: str) -> list[PublicRate]:
    """On-time rate of the dossiers resolved in `year` per competent agency (`agency`) or
    receiving unit (`unit`), for the public disclosure page (no personal data, no scope)."""
    if grouping not in {"agency", "unit"}:
        raise ValueError(f"unknown grouping {grouping!r}")
    entries = (
        DailyFact.objects.filter(day__gte=date(year, 1, 1), day__lte=date(year, 12, 31))
        .values(f"{grouping}_id")
        .annotate(
            on_time=Coalesce(Sum(F("resolved_early") + F("resolved_on_time")), 0),
            late=Coalesce(Sum("resolved_late"), 0),
        )
    )
    rows = [entry for entry in entries if entry["on_time"] + entry["late"] > 0]
    names = names_of(grouping, [entry[f"{grouping}_id"] for entry in rows])
    rates = [
        PublicRate(
            name=names.get(entry[f"{grouping}_id"], "—"),
            resolved=entry["on_time"] + entry["late"],
            on_time=entry["on_time"],
        )
        for entry in rows
    ]
    return sorted(rates, key=lambda rate: (-rate.rate, rate.name))


def period_of_year(year: int, *, today: date) -> tuple[date, date]:
    """1 January to 31 December of `year`, cut at `today` for the current year."""
    last = date(year, 12, 31)
    return date(year, 1, 1), min(last, today) if today.year == year else last
