from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.audit.queries import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` walks the hash chain and names the first broken row."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check that no audit row was altered or removed.")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, found = verify_chain()
        if found is None:
            self.stdout.write(f"ok: {checked} audit entries, chain intact")
            return
        raise CommandError(
            f"audit chain broken at entry #{found.sequence}: {found.reason} "
            f"({checked} entries checked)"
        )
