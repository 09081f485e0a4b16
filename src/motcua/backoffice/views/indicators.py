"""The leaders' dashboard and form II.06a, read from the roll-up facts (`reports.queries`).

Drill-down: the province by agency (or by receiving unit) → one agency or unit by sector →
one sector by procedure → one procedure's officers and steps (`lateness`). Each page is a
handful of grouped queries over the small fact table, whatever the number of dossiers.
Officers who read no reports get 403.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.backoffice.access import staff_page
from motcua.backoffice.charts import monthly_chart
from motcua.backoffice.forms.fields import DayField
from motcua.core.clock import today
from motcua.organizations.models import Agency
from motcua.reports.form_ii06a import form_pdf, form_workbook, province_issuer
from motcua.reports.indicators.rules import rules_for
from motcua.reports.indicators.targets import all_programs, program_for
from motcua.reports.queries import (
    FormReport,
    ReportNotAllowed,
    Slice,
    build_form_ii06a,
    list_monthly_trend,
    names_of,
    period_of_year,
    report_scope,
)

DRILL_PARAMETERS = ("agency", "unit", "sector", "procedure")
FIRST_YEAR, LAST_YEAR = 2000, 2100
GROUPING_LABELS = {
    "agency": _("Agency"),
    "unit": _("Receiving unit"),
    "level": _("Level"),
    "sector": _("Sector"),
    "procedure": _("Procedure"),
}


def _scope_or_403(officer: Any) -> None:
    try:
        report_scope(officer=officer)
    except ReportNotAllowed as refused:
        raise PermissionDenied from refused


def _positive_int(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 12:
        return None
    return int(value)


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


def _drill(request: HttpRequest) -> tuple[Slice, str, dict[str, int]]:
    """The slice asked for, the grouping of its rows, and the valid drill parameters."""
    chosen = {
        name: number
        for name in DRILL_PARAMETERS
        if (number := _positive_int(request.GET.get(name))) is not None
    }
    where = Slice(**chosen)
    if "sector" in chosen or "procedure" in chosen:
        grouping = "procedure"
    elif "agency" in chosen or "unit" in chosen:
        grouping = "sector"
    else:
        grouping = "unit" if request.GET.get("by") == "unit" else "agency"
    return where, grouping, chosen


def _crumbs(chosen: dict[str, int], *, year: int, by: str) -> list[Crumb]:
    crumbs = [Crumb(label=str(_("Whole province")), url="?" + urlencode({"year": year, "by": by}))]
    kept: dict[str, Any] = {"year": year}
    for name in DRILL_PARAMETERS:
        if name in chosen:
            kept[name] = chosen[name]
            label = names_of(name, [chosen[name]]).get(chosen[name], "—")
            crumbs.append(Crumb(label=label, url="?" + urlencode(kept)))
    return crumbs


def _year(request: HttpRequest) -> int:
    year = _positive_int(request.GET.get("year"))
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        return today().year
    return year


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _row_links(report: FormReport, chosen: dict[str, int], year: int) -> list[dict[str, Any]]:
    """Each row with the address of its drill-down and of its overdue dossiers."""
    agency_codes: dict[int, str] = {}
    if report.grouping == "agency":
        keys = [row.key for row in report.rows if row.key is not None]
        agency_codes = dict(Agency.objects.filter(pk__in=keys).values_list("pk", "code"))
    elif "agency" in chosen:
        agency_codes = dict(Agency.objects.filter(pk=chosen["agency"]).values_list("pk", "code"))
    rows = []
    for row in report.rows:
        drill = {"year": year, **chosen}
        if report.grouping in DRILL_PARAMETERS and row.key is not None:
            drill[report.grouping] = row.key
        overdue: dict[str, Any] = {"progress": "overdue"}
        agency = row.key if report.grouping == "agency" else chosen.get("agency")
        if agency in agency_codes:
            overdue["agency"] = agency_codes[agency]
        if report.grouping == "procedure":
            # The last level: the officers and steps that handled the procedure's dossiers.
            drill_url = lateness_url(drill, year=year)
        else:
            drill_url = "?" + urlencode(drill)
        rows.append(
            {
                "row": row,
                "on_time": _rate(row.on_time_rate),
                "online": _rate(row.online_share),
                "drill_url": drill_url,
                "overdue_url": "?" + urlencode(overdue),
            }
        )
    return rows


@dataclass(frozen=True)
class DashboardTarget:
    """A target beside an actual on the dashboard: the rate to reach and where it comes from."""

    at_least: float
    source: str
    met: bool | None

    @property
    def label(self) -> str:
        return f"≥ {self.at_least * 100:.0f}%"


def _target(rate: float | None, at_least: float | None, source: str) -> DashboardTarget | None:
    if at_least is None:
        return None
    return DashboardTarget(
        at_least=at_least, source=source, met=None if rate is None else rate >= at_least
    )


def dashboard_targets(
    *, year: int, last_day: date, on_time: float | None, online: float | None
) -> dict[str, DashboardTarget | None]:
    """The on-time rate against the rate that earns full marks in Decision 766 (indicator 2.1)
    and the online share against the action program's target for the year (indicator 3.3)."""
    rule = rules_for(period_end=last_day).indicators.get("2.1")
    on_time_target = _target(
        on_time,
        rule.threshold if rule else None,
        str(_("Full marks of Decision 766/QĐ-TTg, indicator 2.1")),
    )
    chosen = program_for(year, all_programs())
    online_target = None
    if chosen is not None:
        program, _carried = chosen
        for target in program.targets:
            if target.code == "dossiers_online" and not target.sectors:
                online_target = _target(online, target.at_least, program.title)
    return {"on_time": on_time_target, "online": online_target}


def lateness_url(chosen: dict[str, Any], *, year: int) -> str:
    """The address of the lateness per officer of a slice over the dashboard's year."""
    first_day, last_day = period_of_year(year, today=today())
    query = {
        "first_day": first_day.strftime("%d/%m/%Y"),
        "last_day": last_day.strftime("%d/%m/%Y"),
        **{name: value for name, value in chosen.items() if name in DRILL_PARAMETERS},
    }
    return reverse("backoffice:step-lateness") + "?" + urlencode(query)


@require_GET
@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """Received, resolved and in progress this year for the slice, with its drill-down rows,
    the monthly trend, the on-time rate and online share against targets, and the lists of
    overdue and approaching dossiers one click away."""
    _scope_or_403(request.user)
    year = _year(request)
    where, grouping, chosen = _drill(request)
    first_day, last_day = period_of_year(year, today=today())
    report = build_form_ii06a(
        officer=request.user,
        first_day=first_day,
        last_day=last_day,
        grouping=grouping,
        where=where,
    )
    trend = list_monthly_trend(officer=request.user, year=year, where=where)
    total = report.total
    by = "unit" if request.GET.get("by") == "unit" else "agency"
    overdue_query: dict[str, Any] = {"progress": "overdue"}
    approaching_query: dict[str, Any] = {"progress": "approaching"}
    if "agency" in chosen:
        code = Agency.objects.filter(pk=chosen["agency"]).values_list("code", flat=True).first()
        if code:
            overdue_query["agency"] = approaching_query["agency"] = code
    report_query = {
        "first_day": first_day.strftime("%d/%m/%Y"),
        "last_day": last_day.strftime("%d/%m/%Y"),
        "grouping": grouping,
        **chosen,
    }
    context = {
        "section": "indicators",
        "year": year,
        "years": list(range(today().year, today().year - 6, -1)),
        "by": by,
        "chosen": chosen,
        "first_day": first_day,
        "last_day": last_day,
        "crumbs": _crumbs(chosen, year=year, by=by),
        "grouping_label": GROUPING_LABELS[grouping],
        "total": total,
        "on_time": _rate(total.on_time_rate),
        "online": _rate(total.online_share),
        "average_hours": (
            "—"
            if total.average_resolution_hours is None
            else f"{total.average_resolution_hours:.1f}"
        ),
        "rows": _row_links(report, chosen, year),
        "trend": trend,
        "chart": monthly_chart(trend),
        "overdue_url": "?" + urlencode(overdue_query),
        "approaching_url": "?" + urlencode(approaching_query),
        "report_url": "?" + urlencode(report_query),
        "lateness_url": lateness_url(chosen, year=year),
        "targets": dashboard_targets(
            year=year, last_day=last_day, on_time=total.on_time_rate, online=total.online_share
        ),
    }
    return render(request, "backoffice/indicators.html", context)


class PeriodForm(forms.Form):
    """A period of days typed as dd/mm/yyyy; bad input is said, never a 500."""

    first_day = DayField(label=_("From"))
    last_day = DayField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and first > last:
            message = _("The end of the period comes before its start.")
            self.add_error("first_day", message)
            self.add_error("last_day", message)
        return data


class FormPeriodForm(PeriodForm):
    """The period and grouping of form II.06a."""

    grouping = forms.ChoiceField(label=_("Rows by"), choices=list(GROUPING_LABELS.items()))


def _form_report(request: HttpRequest) -> tuple[FormPeriodForm, FormReport | None]:
    _scope_or_403(request.user)
    current = today()
    initial = {
        "first_day": date(current.year, 1, 1).strftime("%d/%m/%Y"),
        "last_day": current.strftime("%d/%m/%Y"),
        "grouping": "agency",
    }
    form = FormPeriodForm(request.GET or initial)
    if not form.is_valid():
        return form, None
    where, _grouping, _chosen = _drill(request)
    report = build_form_ii06a(
        officer=request.user,
        first_day=form.cleaned_data["first_day"],
        last_day=form.cleaned_data["last_day"],
        grouping=form.cleaned_data["grouping"],
        where=where,
    )
    return form, report


@require_GET
@staff_page
def form_ii06a(request: HttpRequest) -> HttpResponse:
    """Form II.06a for any period, grouped by agency, unit, level, sector or procedure."""
    form, report = _form_report(request)
    query = request.GET.copy()
    context = {
        "section": "indicators",
        "form": form,
        "report": report,
        "rows": [
            {"row": row, "overdue_url": "?progress=overdue"}
            for row in (report.rows if report else [])
        ],
        "query": query.urlencode(),
    }
    status = 400 if request.GET and report is None else 200
    return render(request, "backoffice/form_ii06a.html", context, status=status)


@require_GET
@staff_page
def form_ii06a_xlsx(request: HttpRequest) -> HttpResponse:
    _form, report = _form_report(request)
    if report is None:
        return form_ii06a(request)
    response = HttpResponse(
        form_workbook(report=report, issuer=province_issuer()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="II06a-{report.first_day:%Y%m%d}-{report.last_day:%Y%m%d}.xlsx"'
    )
    return response


@require_GET
@staff_page
def form_ii06a_pdf(request: HttpRequest) -> HttpResponse:
    _form, report = _form_report(request)
    if report is None:
        return form_ii06a(request)
    response = HttpResponse(
        form_pdf(report=report, issuer=province_issuer()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="II06a-{report.first_day:%Y%m%d}-{report.last_day:%Y%m%d}.pdf"'
    )
    return response
