"""`motcua indicators --year Y [--unit CODE] [--format json|table] [--language vi|en]`."""

import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.core.clock import format_date
from motcua.reports.indicators.errors import IndicatorError
from motcua.reports.indicators.queries import get_indicator_report
from motcua.reports.indicators.report import report_as_dict
from motcua.reports.indicators.targets import STATUS_TITLES


def _rate(row: dict[str, Any]) -> str:
    if row["rate"] is None:
        return "—"
    if row["rate_kind"] == "working_days":
        return f"{row['rate']:.2f}"
    return f"{row['rate'] * 100:.2f}%"


def _value(value: Any) -> str:
    return "—" if value is None else str(value)


class Command(BaseCommand):
    help = (
        "Print every Decision 766 indicator of a year (numerator, denominator, rate, score), "
        "the group totals and the action program's targets, for the province or one unit."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", required=True, help="The calendar year, e.g. 2025.")
        parser.add_argument("--unit", help="Code of an administrative unit (province or commune).")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--language", choices=["vi", "en"], default=None, help="Language of the titles."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"] or settings.LANGUAGE_CODE
        try:
            report = get_indicator_report(year=options["year"], unit_code=options["unit"])
        except IndicatorError as error:
            # Told in both languages: whoever runs the command reads one of them.
            raise CommandError(
                f"{error.message_in('vi')}\n{error.message_in('en')} [{error.code}]"
            ) from None
        with translation.override(language):
            data = report_as_dict(report)
            if options["format"] == "json":
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self._table(data)

    def _table(self, data: dict[str, Any]) -> None:
        write = self.stdout.write
        place = data["unit_name"] or _("the whole province")
        write(
            _("Indicators from %(start)s to %(end)s, %(place)s")
            % {
                "start": format_date(date.fromisoformat(data["period"]["start"])),
                "end": format_date(date.fromisoformat(data["period"]["end"])),
                "place": place,
            }
        )
        # xgettext cannot see a call inside an f-string: translate the headings first.
        names = [_("Indicator"), _("Numerator"), _("Denominator"), _("Rate"), _("Points")]
        header = (
            f"{'#':<4} {names[0]:<52} {names[1]:>11} {names[2]:>11} {names[3]:>9} {names[4]:>11}"
        )
        write(header)
        write("-" * len(header))
        for row in data["indicators"]:
            points = f"{_value(row['score'])}/{row['max_points']}" if row["max_points"] else "—"
            write(
                f"{row['code']:<4} {row['title'][:52]:<52} {_value(row['numerator']):>11} "
                f"{_value(row['denominator']):>11} {_rate(row):>9} {points:>11}"
            )
            if row["note"]:
                write(f"     {row['note']}")
        write("")
        for group in data["groups"]:
            write(
                _(
                    "Group %(code)s %(title)s: %(points)s of %(scored)s points scored here "
                    "(group: %(max)s)"
                )
                % {
                    "code": group["code"],
                    "title": group["title"],
                    "points": group["points"],
                    "scored": group["scored_max"],
                    "max": group["max_points"],
                }
            )
        total = data["total"]
        write(
            _("Total: %(points)s of %(scored)s points scored here (%(percent)s%%), band: %(band)s")
            % {
                "points": total["points"],
                "scored": total["scored_max"],
                "percent": _value(total["percent"]),
                "band": _value(total["band_title"]),
            }
        )
        if data["targets"]:
            write("")
            write(_("Action program targets"))
            for target in data["targets"]:
                actual = "—" if target["actual"] is None else f"{target['actual'] * 100:.2f}%"
                write(
                    f"  {target['title'][:60]:<60} ≥ {target['target'] * 100:.0f}%  "
                    f"{actual:>8}  {STATUS_TITLES[target['status']]}"
                )
