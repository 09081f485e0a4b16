"""`motcua deadline due|classify`: the command-line contract (one value per line, ISO 8601 +07:00).

    motcua deadline due --received-at 2025-01-24T10:00 --working-days 3
    motcua deadline due --received-at T --working-days 5 --supplement-requested-at T1 \
        --supplement-received-at T2 --supplement-policy pause
    motcua deadline classify --due-at T --finished-at T2      # early | on_time | late
    motcua deadline classify --due-at T --at NOW              # within_time | approaching | overdue
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.deadlines import engine
from motcua.deadlines.engine.errors import DeadlineError, IncompleteSupplementError
from motcua.deadlines.queries import get_work_calendar

UNIT_OPTIONS = {
    "working_hours": "--working-hours",
    "working_days": "--working-days",
    "calendar_days": "--calendar-days",
    "months": "--months",
}


class Command(BaseCommand):
    help = "Due moments and on-time classes on the province's working calendar."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="Print the due moment of each receipt, one per line.")
        due.add_argument(
            "--received-at",
            action="append",
            required=True,
            metavar="MOMENT",
            help="Receipt moment, ISO 8601 (local time if no offset); repeat for several.",
        )
        amounts = due.add_mutually_exclusive_group(required=True)
        for unit, option in UNIT_OPTIONS.items():
            amounts.add_argument(option, dest=unit, metavar="N", help=f"Duration in {unit}.")
        amounts.add_argument(
            "--duration", nargs=2, metavar=("N", "UNIT"), help="Duration as a number and unit."
        )
        due.add_argument("--supplement-requested-at", metavar="MOMENT")
        due.add_argument("--supplement-received-at", metavar="MOMENT")
        due.add_argument("--supplement-policy", metavar="restart|pause")
        self._add_province(due)
        classify = sub.add_parser("classify", help="Print early/on_time/late or the progress.")
        classify.add_argument("--due-at", required=True, metavar="MOMENT")
        moments = classify.add_mutually_exclusive_group(required=True)
        moments.add_argument("--finished-at", metavar="MOMENT")
        moments.add_argument("--at", metavar="MOMENT", help="For a dossier still in progress.")
        classify.add_argument(
            "--approaching-within-hours",
            type=int,
            default=8,
            metavar="N",
            help="Working hours left below which a dossier is approaching (default 8).",
        )
        self._add_province(classify)

    @staticmethod
    def _add_province(parser: ArgumentParser) -> None:
        parser.add_argument(
            "--province",
            default=None,
            metavar="CODE",
            help="Province code (default: this deployment's PROVINCE_CODE); 'national' for the "
            "national default calendar.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            action = options["action"]
            lines = self._due(options) if action == "due" else [self._classify(options)]
        except DeadlineError as error:
            raise CommandError(f"[{error.code}] {error.message}") from None
        for line in lines:
            self.stdout.write(line)

    @staticmethod
    def _calendar(options: dict[str, Any]) -> engine.WorkCalendar:
        province = options.get("province") or settings.PROVINCE_CODE
        return get_work_calendar(province=None if province == "national" else province)

    def _due(self, options: dict[str, Any]) -> list[str]:
        if options.get("duration"):
            value, unit = options["duration"]
        else:
            unit = next(unit for unit in UNIT_OPTIONS if options.get(unit) is not None)
            value = options[unit]
        duration = engine.Duration.parse(value, unit)
        supplement_parts = [
            options.get("supplement_requested_at"),
            options.get("supplement_received_at"),
            options.get("supplement_policy"),
        ]
        supplement = None
        if any(part is not None for part in supplement_parts):
            if not all(part is not None for part in supplement_parts):
                raise IncompleteSupplementError()
            supplement = engine.Supplement(
                engine.parse_moment(supplement_parts[0]),  # type: ignore[arg-type]
                engine.parse_moment(supplement_parts[1]),  # type: ignore[arg-type]
                engine.parse_supplement_policy(supplement_parts[2]),
            )
        calendar = self._calendar(options)
        return [
            engine.format_moment(
                engine.due_at(
                    calendar,
                    received_at=engine.parse_moment(received),
                    duration=duration,
                    supplement=supplement,
                )
            )
            for received in options["received_at"]
        ]

    def _classify(self, options: dict[str, Any]) -> str:
        due_at = engine.parse_moment(options["due_at"])
        if options.get("finished_at"):
            finished_at = engine.parse_moment(options["finished_at"])
            return engine.classify_finished(due_at=due_at, finished_at=finished_at).value
        threshold = engine.Duration(options["approaching_within_hours"], engine.Unit.WORKING_HOURS)
        return engine.classify_in_progress(
            self._calendar(options),
            due_at=due_at,
            at=engine.parse_moment(options["at"]),
            approaching_within=threshold,
        ).value
