from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.audit.queries import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` walks the hash chain and names the first broken row."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify",
            help="Check that no audit row was altered or removed; exit status 1 if one was.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.found is None:
            # The last hash is worth writing down elsewhere: with it, even a rewrite of the
            # whole chain from some row onwards is detectable.
            self.stdout.write(
                f"ok: {report.checked} audit entries, chain intact; "
                f"last entry #{report.last_sequence} hash {report.last_hash}"
            )
            return
        raise CommandError(
            f"audit chain broken at entry #{report.found.sequence}: {report.found.reason} "
            f"({report.checked} entries verified before it)"
        )
