from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from motcua.demo.steps import load_demo


class Command(BaseCommand):
    help = (
        "The demo province: `demo load` fills the database (idempotent); "
        "`demo accounts` lists the sign-ins; `demo generate` adds a synthetic year of dossiers."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Load the demo province (safe to run again).")
        accounts = sub.add_parser("accounts", help="Print the addresses and demo accounts.")
        accounts.add_argument("--host", default="127.0.0.1")
        accounts.add_argument("--port", default="8000")
        generate = sub.add_parser(
            "generate",
            help="Generate a province-year of dossiers in bulk (after `demo load`).",
        )
        generate.add_argument("--dossiers", type=int, required=True, help="How many dossiers.")
        generate.add_argument("--year", type=int, required=True, help="The year they arrive in.")
        generate.add_argument("--seed", type=int, default=1, help="Same seed, same dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            self._generate(options)
        elif options["action"] == "load":
            with transaction.atomic():
                load_demo(out=self.stdout.write)
            self.stdout.write(self.style.SUCCESS("demo province loaded"))
        else:
            from motcua.organizations.demo import describe_accounts

            base = f"http://{options['host']}:{options['port']}"
            for line in describe_accounts(base_url=base):
                self.stdout.write(line)

    def _generate(self, options: dict[str, Any]) -> None:
        from motcua.demo.generator.province_year import YearNotStarted, generate_province_year
        from motcua.demo.generator.reference import MissingDemoProvince

        if options["dossiers"] < 1 or not 2000 <= options["year"] <= 2099:
            raise CommandError(
                "Số hồ sơ phải lớn hơn 0 và năm trong khoảng 2000–2099. / "
                "The number of dossiers must be positive and the year within 2000–2099."
            )
        try:
            report = generate_province_year(
                dossiers=options["dossiers"],
                year=options["year"],
                seed=options["seed"],
                out=self.stdout.write,
            )
        except MissingDemoProvince:
            raise CommandError(
                "Chưa nạp tỉnh mẫu: chạy `motcua demo load` trước. / "
                "The demo province is not loaded: run `motcua demo load` first."
            ) from None
        except YearNotStarted:
            raise CommandError(
                f"Năm {options['year']} chưa bắt đầu. / {options['year']} has not begun."
            ) from None
        rows = ", ".join(f"{name} {count}" for name, count in sorted(report.rows.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"generated {report.dossiers} dossiers in {report.seconds:.1f} s ({rows})"
            )
        )
