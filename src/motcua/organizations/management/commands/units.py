from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.organizations.errors import OrganizationError
from motcua.organizations.services import load_administrative_units


class Command(BaseCommand):
    help = (
        "Administrative units: `units load` loads a province, its communes and the former "
        "units they came from, from the vietnam-provinces package (safe to repeat)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load one province's units (idempotent).")
        load.add_argument(
            "--province",
            type=int,
            default=int(settings.PROVINCE_CODE),
            help="Official code of a current province (default: the PROVINCE_CODE setting).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_administrative_units(province_code=options["province"])
        except OrganizationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{report.links_created} predecessor links"
        )
