from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from motcua.dossiers.services import flag_late_intakes, stop_unsupplemented_dossiers


class Command(BaseCommand):
    help = "Dossier tools. `dossiers sweep` applies the time rules that need no officer."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "sweep",
            help=(
                "Flag online dossiers past their 8 working hours of intake and stop dossiers "
                "whose supplement did not come in time (run every few minutes)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        flagged = flag_late_intakes()
        stopped = stop_unsupplemented_dossiers()
        self.stdout.write(
            f"intake late: {len(flagged)} flagged; without supplement: {len(stopped)} stopped"
        )
        for code in flagged:
            self.stdout.write(f"flagged {code}")
        for code in stopped:
            self.stdout.write(f"stopped {code}")
