"""`motcua calendar show|import`: the working calendar from the command line.

    motcua calendar show --year 2026      # YYYY-MM-DD off|work <reason>, one line each
    motcua calendar import FILE           # a motcua.calendar/1 document (docs/calendar-format.md)

(The file is named after the command; it does not shadow the standard library's `calendar`.)
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.deadlines.engine.errors import DeadlineError
from motcua.deadlines.engine.timebase import format_moment
from motcua.deadlines.queries import get_work_calendar
from motcua.deadlines.services import import_calendar

UNCONFIRMED = "(chưa xác nhận / unconfirmed)"


class Command(BaseCommand):
    help = "Show a year's days off and make-up days, or import an official calendar file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser(
            "show", help="Every weekday off and working weekend day of a year, one per line."
        )
        show.add_argument("--year", type=int, required=True)
        show.add_argument(
            "--province",
            default=None,
            metavar="CODE",
            help="Province code (default: PROVINCE_CODE); 'national' for the national default.",
        )
        load = sub.add_parser("import", help="Import a motcua.calendar/1 file (all or nothing).")
        load.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "show":
                self._show(options)
            else:
                self._import(options["file"])
        except DeadlineError as error:
            raise CommandError(f"[{error.code}] {error.message}") from None

    def _show(self, options: dict[str, Any]) -> None:
        province = options["province"] or settings.PROVINCE_CODE
        calendar = get_work_calendar(province=None if province == "national" else province)
        for status in calendar.exceptions(options["year"]):
            kind = "work" if status.working else "off"
            reason = status.reason if status.confirmed else f"{status.reason} {UNCONFIRMED}"
            self.stdout.write(f"{status.on.isoformat()} {kind} {reason}")

    def _import(self, path: Path) -> None:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path} không phải JSON hợp lệ / is not valid JSON: line {error.lineno}, "
                f"column {error.colno}: {error.msg}"
            ) from None
        summary = import_calendar(actor=None, document=document)
        self.stdout.write(
            f"imported into {summary.calendar.name}: {summary.years} announced years, "
            f"{summary.days_created} days added, {summary.days_updated} days changed, "
            f"{summary.office_hours} office-hour versions"
        )
        if summary.changes:
            self.stdout.write(
                f"{len(summary.changes)} open due moments would change; review and apply them "
                "in the administration pages:"
            )
            for change in summary.changes:
                self.stdout.write(
                    f"  {change.key} {format_moment(change.due_at)} -> "
                    f"{format_moment(change.recomputed_due_at)}"
                )
