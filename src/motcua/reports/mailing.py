"""The monthly report e-mailed to leaders: form II.06a of the month before, for each one's scope.

`motcua reports mail-monthly` (a systemd timer runs it on the 1st, deploy/systemd/) calls
`mail_monthly_reports`. The leaders are the active users holding, on the day of the run, a
unit-leader, centre-leader or steering-committee role. Each gets what the dashboard shows them
(`queries.report_scope`): form II.06a by agency as xlsx and PDF, and a short body with the
headline figures and a link to the dashboard. Staff have no language of their own, so the body
is in the site's language (Vietnamese); the form is Vietnamese by law.

`MonthlyReportDelivery` records every send, so a re-run sends nobody the same month twice
unless `force` is given. One leader's failure is reported and the others still get theirs.
Logs carry user ids, never names or addresses.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import structlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from motcua.core.clock import now
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment
from motcua.organizations.queries import in_effect_on
from motcua.reports.form_ii06a import Issuer, form_pdf, form_workbook, province_issuer
from motcua.reports.indicators.satisfaction import satisfaction
from motcua.reports.indicators.scope import Scope
from motcua.reports.models import MonthlyReportDelivery
from motcua.reports.queries import FormReport, ReportNotAllowed, build_form_ii06a

log = structlog.get_logger(__name__)

LEADER_ROLES = (Role.UNIT_LEADER, Role.CENTRE_LEADER, Role.STEERING_MEMBER)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Month:
    """A calendar month, named by its first day."""

    first_day: date

    @property
    def last_day(self) -> date:
        return (self.first_day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )

    @classmethod
    def parse(cls, text: str) -> "Month":
        """`YYYY-MM`; raises ValueError for anything else."""
        matched = MONTH_PATTERN.fullmatch(text.strip())
        if matched is None or not 1 <= int(matched[2]) <= 12:
            raise ValueError(f"not a month: {text!r} (YYYY-MM)")
        return cls(date(int(matched[1]), int(matched[2]), 1))

    @classmethod
    def before(cls, day: date) -> "Month":
        """The month before the one `day` falls in."""
        return cls((day.replace(day=1) - timedelta(days=1)).replace(day=1))

    def __str__(self) -> str:
        return f"{self.first_day:%Y-%m}"


@dataclass(frozen=True)
class Headline:
    """The figures the e-mail's body gives (form II.06a's total, indicator 5.4 when rated)."""

    received: int
    resolved: int
    on_time_rate: float | None
    overdue: int
    satisfaction_rate: float | None


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    WOULD_SEND = "would_send"
    NO_EMAIL = "no_email"
    FAILED = "failed"


@dataclass(frozen=True)
class LeaderResult:
    user_id: int
    username: str
    outcome: Outcome
    detail: str = ""


@dataclass
class MailingReport:
    month: Month
    results: list[LeaderResult] = field(default_factory=list)

    def having(self, outcome: Outcome) -> list[LeaderResult]:
        return [result for result in self.results if result.outcome == outcome]


def list_report_recipients(*, on: date) -> QuerySet[Any]:
    """Active users holding a leader's role on `on`, by username."""
    assignments = RoleAssignment.objects.filter(role__in=LEADER_ROLES).filter(
        in_effect_on(on, start="valid_from", end="valid_to")
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=assignments.values("user_id"))
        .order_by("username")
    )


def leader_issuer(*, leader: Any, on: date) -> Issuer:
    """The agency a unit leader leads, under the province; the province for everyone else
    (and for a leader of several agencies)."""
    province = province_issuer()
    assignments = (
        RoleAssignment.objects.filter(user=leader, role=Role.UNIT_LEADER)
        .filter(in_effect_on(on, start="valid_from", end="valid_to"))
        .select_related("agency", "org_unit__agency")
    )
    led: set[str] = set()
    for assignment in assignments:
        if assignment.agency is not None:
            led.add(assignment.agency.name)
        elif assignment.org_unit is not None:
            led.add(assignment.org_unit.agency.name)
    if (
        len(led) == 1
        and not RoleAssignment.objects.filter(
            user=leader, role__in=(Role.CENTRE_LEADER, Role.STEERING_MEMBER)
        )
        .filter(in_effect_on(on, start="valid_from", end="valid_to"))
        .exists()
    ):
        return Issuer(name=led.pop(), parent_name=province.name)
    return province


def monthly_headline(*, leader: Any, month: Month, report: FormReport) -> Headline:
    """The body's figures: the month's total from the form, satisfaction when ratings exist."""
    total = report.total
    measure = satisfaction(scope=Scope(start=month.first_day, end=month.last_day, officer=leader))
    rated = not measure.note and measure.denominator
    return Headline(
        received=total.received_in_period,
        resolved=total.resolved,
        on_time_rate=total.on_time_rate,
        overdue=total.overdue,
        satisfaction_rate=measure.numerator / measure.denominator if rated else None,
    )


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def dashboard_url(month: Month) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{reverse('backoffice:indicators')}?year={month.first_day.year}"


def monthly_message(
    *, leader: Any, month: Month, report: FormReport, issuer: Issuer
) -> EmailMessage:
    """The e-mail with its body in the site's language and the form attached twice."""
    headline = monthly_headline(leader=leader, month=month, report=report)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": leader.full_name or leader.get_username(),
            "month": f"{month.first_day:%m/%Y}",
            "first_day": f"{month.first_day:%d/%m/%Y}",
            "last_day": f"{month.last_day:%d/%m/%Y}",
            "received": headline.received,
            "resolved": headline.resolved,
            "on_time": _percent(headline.on_time_rate),
            "overdue": headline.overdue,
            "satisfaction": _percent(headline.satisfaction_rate)
            if headline.satisfaction_rate is not None
            else "",
            "dashboard_url": dashboard_url(month),
        }
        subject = render_to_string("reports/email/monthly_subject.txt", context).strip()
        body = render_to_string("reports/email/monthly_report.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[leader.email])
    stem = f"II06a-{month.first_day:%Y-%m}"
    message.attach(f"{stem}.xlsx", form_workbook(report=report, issuer=issuer), XLSX_TYPE)
    message.attach(f"{stem}.pdf", form_pdf(report=report, issuer=issuer), "application/pdf")
    return message


def _send_to(leader: Any, month: Month, *, day: date) -> None:
    report = build_form_ii06a(
        officer=leader, first_day=month.first_day, last_day=month.last_day, grouping="agency"
    )
    issuer = leader_issuer(leader=leader, on=day)
    monthly_message(leader=leader, month=month, report=report, issuer=issuer).send()


def mail_monthly_reports(
    *,
    month: Month,
    dry_run: bool = False,
    force: bool = False,
    out: Callable[[LeaderResult], None] = lambda result: None,
) -> MailingReport:
    """Send `month`'s report to every leader not yet sent it (all of them with `force`).

    `dry_run` sends and records nothing and says who would receive it. Never raises for one
    leader: a leader without an e-mail address or whose report failed is in the report.
    """
    day = now().date()
    mailing = MailingReport(month=month)
    sent_before = set(
        MonthlyReportDelivery.objects.filter(month=month.first_day).values_list(
            "recipient_id", flat=True
        )
    )
    for leader in list_report_recipients(on=day):
        skip = leader.pk in sent_before and not force
        result = _deliver(leader, month, day=day, dry_run=dry_run, skip=skip)
        mailing.results.append(result)
        out(result)
    log.info(
        "reports.monthly_mailed",
        month=str(month),
        dry_run=dry_run,
        **{outcome.value: len(mailing.having(outcome)) for outcome in Outcome},
    )
    return mailing


def _deliver(leader: Any, month: Month, *, day: date, dry_run: bool, skip: bool) -> LeaderResult:
    def result(outcome: Outcome, detail: str = "") -> LeaderResult:
        return LeaderResult(
            user_id=leader.pk, username=leader.get_username(), outcome=outcome, detail=detail
        )

    if skip:
        return result(Outcome.ALREADY_SENT)
    if not leader.email:
        return result(Outcome.NO_EMAIL, "no e-mail address")
    if dry_run:
        return result(Outcome.WOULD_SEND)
    try:
        _send_to(leader, month, day=day)
    except ReportNotAllowed:
        return result(Outcome.FAILED, "reads no reports")
    except Exception as error:  # one leader's failure must not stop the others
        log.warning(
            "reports.monthly_mail_failed",
            user_id=leader.pk,
            month=str(month),
            error=type(error).__name__,
        )
        # The operator sees the error (it may name the address); the log does not.
        return result(Outcome.FAILED, f"{type(error).__name__}: {error}"[:300])
    delivery, created = MonthlyReportDelivery.objects.get_or_create(
        recipient=leader, month=month.first_day, defaults={"sent_at": now()}
    )
    if not created:
        delivery.sent_at = now()
        delivery.sends += 1
        delivery.save(update_fields=["sent_at", "sends"])
    log.info("reports.monthly_mail_sent", user_id=leader.pk, month=str(month))
    return result(Outcome.SENT)
