from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.demo.steps import load_demo


class Command(BaseCommand):
    help = (
        "The demo province: `demo load` fills the database (idempotent); "
        "`demo accounts` lists the sign-ins."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Load the demo province (safe to run again).")
        accounts = sub.add_parser("accounts", help="Print the addresses and demo accounts.")
        accounts.add_argument("--host", default="127.0.0.1")
        accounts.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            with transaction.atomic():
                load_demo(out=self.stdout.write)
            self.stdout.write(self.style.SUCCESS("demo province loaded"))
        else:
            from motcua.organizations.demo import describe_accounts

            base = f"http://{options['host']}:{options['port']}"
            for line in describe_accounts(base_url=base):
                self.stdout.write(line)
