"""`motcua export dossiers --year Y --format csv|parquet [--output PATH]` (docs/open-data.md)."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.reports.export import FORMATS, ExportError, export_dossiers


class Command(BaseCommand):
    help = "Open data: one row per dossier of a year, without personal data (administrators)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="dataset", required=True)
        dossiers = sub.add_parser("dossiers", help="One row per dossier received in the year.")
        dossiers.add_argument("--year", type=int, required=True)
        dossiers.add_argument("--format", choices=FORMATS, default="csv")
        dossiers.add_argument(
            "--output", type=Path, default=None, help="File to write (CSV: standard output)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2000 <= year <= 2099:
            raise CommandError(
                "Năm phải trong khoảng 2000–2099. / The year must be within 2000–2099."
            )
        try:
            report = export_dossiers(
                year=year,
                format=options["format"],
                path=options["output"],
                stdout=sys.stdout.buffer,
            )
        except ExportError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Không ghi được tệp / cannot write: {error.strerror}") from None
        if report.path is not None:
            self.stderr.write(f"{report.rows} dossiers written to {report.path}")
