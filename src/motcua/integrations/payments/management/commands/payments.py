from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.payments.registry import get_gateway
from motcua.payments.services import reconcile_payments


class Command(BaseCommand):
    help = (
        "Online payments. `payments reconcile` asks the gateways about pending orders older "
        "than --older-than-minutes and settles them; orders a gateway never saw expire after "
        "--expire-after-minutes. Run it every few minutes (cron or a systemd timer)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reconcile = sub.add_parser("reconcile", help="Settle pending orders with the gateways.")
        reconcile.add_argument(
            "--older-than-minutes",
            type=int,
            default=None,
            help="Default: PAYMENT_RECONCILE_AFTER_MINUTES.",
        )
        reconcile.add_argument(
            "--expire-after-minutes",
            type=int,
            default=None,
            help="Default: PAYMENT_EXPIRE_AFTER_MINUTES.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        older = options["older_than_minutes"]
        expire = options["expire_after_minutes"]
        older = settings.PAYMENT_RECONCILE_AFTER_MINUTES if older is None else older
        expire = settings.PAYMENT_EXPIRE_AFTER_MINUTES if expire is None else expire
        if older < 0 or expire < older:
            raise CommandError("Need 0 <= --older-than-minutes <= --expire-after-minutes.")
        summary = reconcile_payments(
            gateway_for=get_gateway,
            older_than=timedelta(minutes=older),
            expire_after=timedelta(minutes=expire),
        )
        self.stdout.write(
            f"checked {summary.checked} · settled {summary.settled} · expired {summary.expired}"
            f" · still pending {summary.still_pending} · gateway unavailable"
            f" {summary.unavailable} · refused {summary.refused}"
        )
