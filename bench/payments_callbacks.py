"""Payment figures on PostgreSQL; prints them, changes no real data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python bench/payments_callbacks.py --orders 100000 --callbacks 1000

Works in a throw-away test database (test_<name>), created and dropped by the script, among
--orders payment orders (80 % paid, the rest pending, failed or cancelled):
1. the gateway's callback, signed, through the whole view (verification, row lock, audit row);
2. the same callbacks replayed (idempotent: nothing written), and forged ones (refused);
3. `reconcile_payments` over --reconcile pending orders whose notification was lost, each
   queried from the sandbox's signed query API in-process (no network);
4. the payer's "my payments" page with 100 orders.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
django.setup()

# Django must be set up before models are imported.
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.core.clock import isoformat, now  # noqa: E402
from motcua.integrations.outbound_http import using_transport  # noqa: E402
from motcua.integrations.payments.registry import get_gateway  # noqa: E402
from motcua.integrations.payments.sandbox.models import SandboxTransaction  # noqa: E402
from motcua.integrations.payments.sandbox.signing import signed  # noqa: E402
from motcua.integrations.testing import TestClientTransport  # noqa: E402
from motcua.payments.models import PaymentFeeLine, PaymentOrder  # noqa: E402
from motcua.payments.services import reconcile_payments  # noqa: E402

STATUSES = ["paid"] * 8 + ["failed", "cancelled"]


def fill_orders(*, count: int, payers: list[User]) -> None:
    created = now() - timedelta(days=90)
    batch: list[PaymentOrder] = []
    for number in range(count):
        status = STATUSES[number % len(STATUSES)]
        batch.append(
            PaymentOrder(
                reference=f"MCBENCH{number:010d}",
                amount_vnd=50_000 + (number % 20) * 10_000,
                purpose="Lệ phí cấp giấy chứng nhận quyền sử dụng đất",
                payer=payers[number % len(payers)],
                dossier_code=f"000.00.00.H38-260216-{number % 10000:04d}",
                status=status,
                gateway="sandbox",
                gateway_transaction_id=f"SBXOLD{number:010d}" if status == "paid" else "",
                created_at=created + timedelta(seconds=number * 60),
                paid_at=created if status == "paid" else None,
            )
        )
        if len(batch) == 5000:
            _insert(batch)
    _insert(batch)


def _insert(batch: list[PaymentOrder]) -> None:
    orders = PaymentOrder.objects.bulk_create(batch)
    PaymentFeeLine.objects.bulk_create(
        PaymentFeeLine(order=order, label="Lệ phí", amount_vnd=order.amount_vnd) for order in orders
    )
    batch.clear()


def pending_orders(*, count: int, payer: User, prefix: str, age: timedelta) -> list[PaymentOrder]:
    orders = [
        PaymentOrder(
            reference=f"{prefix}{number:08d}",
            amount_vnd=150_000,
            purpose="Lệ phí cấp phép xây dựng",
            payer=payer,
            gateway="sandbox",
            created_at=now() - age,
        )
        for number in range(count)
    ]
    return PaymentOrder.objects.bulk_create(orders)


def notification(order: PaymentOrder, *, secret: str, transaction_id: str) -> dict[str, str]:
    return signed(
        {
            "merchant": settings.SANDBOX_PAY_MERCHANT_ID,
            "order": order.reference,
            "amount": str(order.amount_vnd),
            "transaction_id": transaction_id,
            "status": "paid",
            "timestamp": isoformat(now()),
        },
        secret=secret,
    )


def timed(calls: list[Callable[[], object]]) -> list[float]:
    timings = []
    for call in calls:
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return timings


def report(label: str, timings: list[float]) -> None:
    print(
        f"{label}: median {statistics.median(timings) * 1000:.2f} ms, "
        f"p95 {statistics.quantiles(timings, n=20)[18] * 1000:.2f} ms over {len(timings)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--callbacks", type=int, default=1_000)
    parser.add_argument("--reconcile", type=int, default=500)
    arguments = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL=postgres://… : the figures are for PostgreSQL.")

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        # The test client calls itself "testserver", as pytest-django allows.
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(SANDBOX_PAY_ENABLED=True, ALLOWED_HOSTS=hosts):
            run(arguments)
    finally:
        teardown_databases(databases, verbosity=0)


def run(arguments: argparse.Namespace) -> None:
    version = connection.cursor().connection.info.server_version
    print(f"PostgreSQL {version // 10000}.{version % 10000}")
    payers = [
        User.objects.create(username=f"payer{number}", full_name="Người nộp", kind="citizen")
        for number in range(200)
    ]
    started = time.perf_counter()
    fill_orders(count=arguments.orders, payers=payers)
    print(f"{arguments.orders:,} orders written in {time.perf_counter() - started:.1f} s")

    secret = settings.PAYMENT_GATEWAYS["sandbox"]["SECRET"]
    callback = reverse("payments:callback", args=["sandbox"])
    gateway_side = Client()
    fresh = pending_orders(
        count=arguments.callbacks, payer=payers[0], prefix="MCCALL", age=timedelta(0)
    )
    messages = [
        notification(order, secret=secret, transaction_id=f"SBXNEW{index:010d}")
        for index, order in enumerate(fresh)
    ]

    def post(message: dict[str, str], status: int) -> Callable[[], object]:
        def call() -> object:
            response = gateway_side.post(callback, message)
            assert response.status_code == status, response.content
            return response

        return call

    report("callback settling a pending order", timed([post(m, 200) for m in messages]))
    report("the same callback replayed", timed([post(m, 200) for m in messages]))
    forged = [message | {"signature": "0" * 64} for message in messages]
    report("forged callback refused", timed([post(m, 400) for m in forged]))

    lost = pending_orders(
        count=arguments.reconcile, payer=payers[1], prefix="MCLOST", age=timedelta(hours=1)
    )
    SandboxTransaction.objects.bulk_create(
        SandboxTransaction(
            merchant=settings.SANDBOX_PAY_MERCHANT_ID,
            order_reference=order.reference,
            amount_vnd=order.amount_vnd,
            transaction_id=f"SBXLOST{index:09d}",
            status="paid",
            notify_url="http://testserver/thanh-toan/thong-bao/sandbox/",
        )
        for index, order in enumerate(lost)
    )
    with using_transport(TestClientTransport()):
        started = time.perf_counter()
        summary = reconcile_payments(
            gateway_for=get_gateway,
            older_than=timedelta(minutes=15),
            expire_after=timedelta(days=1),
        )
        elapsed = time.perf_counter() - started
    assert summary.settled == arguments.reconcile, summary
    print(
        f"reconcile_payments: {summary.settled} lost notifications settled in {elapsed:.2f} s "
        f"({elapsed / summary.settled * 1000:.1f} ms each, query API in-process)"
    )

    browser = Client()
    browser.force_login(payers[5])
    page = reverse("payments:orders")
    report("my payments page (100 orders shown)", timed([lambda: browser.get(page)] * 200))


if __name__ == "__main__":
    main()
