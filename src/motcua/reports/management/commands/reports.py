import signal
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.clock import today
from motcua.reports.mailing import LeaderResult, Month, Outcome, mail_monthly_reports
from motcua.reports.refresh_queue import BATCH_SIZE, drain, follow, queued_count
from motcua.reports.rollups import check, rebuild


class Command(BaseCommand):
    help = (
        "Roll-up facts of the reports. `reports rebuild [--year Y]` recomputes them from the "
        "dossiers; `reports check` compares them with a full recompute (exit status 1 and the "
        "first differing cells when they differ); `reports follow` refreshes the facts of the "
        "dossiers queued by their events (REPORTS_REFRESH=queued), and with --once drains the "
        "queue and stops."
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
        follow_parser = sub.add_parser(
            "follow", help="Refresh the facts of queued dossiers, in batches, until stopped."
        )
        follow_parser.add_argument(
            "--interval", type=float, default=2.0, help="seconds between looks at an empty queue"
        )
        follow_parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="dossiers a batch")
        follow_parser.add_argument("--once", action="store_true", help="drain the queue, then stop")
        mail_parser = sub.add_parser(
            "mail-monthly",
            help="E-mail a month's form II.06a to each leader, once (docs/indicators.md).",
        )
        mail_parser.add_argument("--month", help="YYYY-MM (default: the month before today)")
        mail_parser.add_argument(
            "--dry-run", action="store_true", help="say who would receive it; send nothing"
        )
        mail_parser.add_argument(
            "--force", action="store_true", help="send again to leaders already sent the month"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["action"] == "mail-monthly":
            self._mail_monthly(options)
            return
        if options["action"] == "rebuild":
            result = rebuild(year=options.get("year"))
            self.stdout.write(
                f"rebuilt: {result.contributions} dossier contributions, {result.facts} "
                f"fact rows in {time.perf_counter() - started:.1f} s"
            )
            return
        if options["action"] == "follow":
            self._follow(options)
            return
        queued = queued_count()
        if queued:
            self.stderr.write(
                f"{queued} dossiers are queued for a refresh: run `motcua reports follow --once` "
                "first, or the facts lag behind them."
            )
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

    def _follow(self, options: dict[str, Any]) -> None:
        if options["batch"] < 1 or options["interval"] < 0:
            raise CommandError("--batch must be at least 1 and --interval not negative.")
        if options["once"]:
            refreshed = drain(batch_size=options["batch"])
            self.stdout.write(f"refreshed {refreshed} queued dossiers")
            return
        stopping: list[int] = []
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, lambda number, frame: stopping.append(number))
        refreshed = follow(
            interval_seconds=options["interval"],
            batch_size=options["batch"],
            keep_going=lambda: not stopping,
        )
        self.stdout.write(f"stopped after refreshing {refreshed} queued dossiers")

    def _mail_monthly(self, options: dict[str, Any]) -> None:
        if options.get("month"):
            try:
                month = Month.parse(options["month"])
            except ValueError:
                raise CommandError(
                    "Tháng phải có dạng YYYY-MM, ví dụ 2025-10. / The month must read YYYY-MM, "
                    "e.g. 2025-10."
                ) from None
        else:
            month = Month.before(today())
        if month.first_day > today():
            raise CommandError("Tháng này chưa bắt đầu. / That month has not begun.")

        def said(result: LeaderResult) -> None:
            line = f"{result.outcome.value}: {result.username}"
            line += f" ({result.detail})" if result.detail else ""
            failed = result.outcome in {Outcome.FAILED, Outcome.NO_EMAIL}
            (self.stderr if failed else self.stdout).write(line)

        mailing = mail_monthly_reports(
            month=month, dry_run=options["dry_run"], force=options["force"], out=said
        )
        counts = ", ".join(f"{len(mailing.having(outcome))} {outcome.value}" for outcome in Outcome)
        self.stdout.write(f"{month}: {counts}")
        failed = mailing.having(Outcome.FAILED)
        if failed:
            raise CommandError(f"{len(failed)} leader(s) did not get the report of {month}")
