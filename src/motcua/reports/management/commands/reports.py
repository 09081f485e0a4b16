import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.reports.rollups import check, rebuild


class Command(BaseCommand):
    help = (
        "Roll-up facts of the reports. `reports rebuild [--year Y]` recomputes them from the "
        "dossiers; `reports check` compares them with a full recompute (exit status 1 and the "
        "first differing cells when they differ)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild_parser = sub.add_parser(
            "rebuild", help="Recompute contributions (all, or of one year's receipts) and facts."
        )
        rebuild_parser.add_argument(
            "--year", type=int, help="only the dossiers received in this year"
        )
        check_parser = sub.add_parser("check", help="Prove the facts equal a full recompute.")
        check_parser.add_argument("--limit", type=int, default=10, help="cells to name at most")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["action"] == "rebuild":
            result = rebuild(year=options.get("year"))
            self.stdout.write(
                f"rebuilt: {result.contributions} dossier contributions, {result.facts} "
                f"fact rows in {time.perf_counter() - started:.1f} s"
            )
            return
        differences = check(limit=options["limit"])
        if not differences:
            self.stdout.write(
                f"ok: the facts equal a full recompute ({time.perf_counter() - started:.1f} s)"
            )
            return
        for difference in differences:
            cell = " ".join(f"{name}={value}" for name, value in difference.key.items())
            self.stderr.write(f"{cell}: kept {difference.kept}, expected {difference.expected}")
        raise CommandError(f"the facts differ from a full recompute in {len(differences)}+ cells")
