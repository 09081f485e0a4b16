"""Payment orders and how a gateway's verified report settles them (gateway-neutral).

The gateway here is a stand-in for an external system that reports what the test tells it;
the sandbox gateway's own protocol is tested in motcua.integrations.payments.
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.core.clock import now
from motcua.payments.errors import (
    AmountMismatch,
    BadSignature,
    GatewayUnavailable,
    InvalidPaymentOrder,
    TransactionMismatch,
    UnknownOrder,
)
from motcua.payments.events import PaymentFailed, PaymentSucceeded
from motcua.payments.gateway import GatewayReport, PaymentRequest
from motcua.payments.models import PaymentOrder
from motcua.payments.queries import exists_paid_online
from motcua.payments.services import (
    FeeLine,
    create_payment_order,
    reconcile_payments,
    record_gateway_callback,
)
from motcua.payments.tests.factories import PaymentOrderFactory

pytestmark = pytest.mark.django_db

LINES = [
    FeeLine(label="Lệ phí cấp giấy phép", amount_vnd=100_000, fee_code="LP01"),
    FeeLine(label="Phí thẩm định", amount_vnd=50_000),
]


class ReportingGateway:
    """Reports whatever it was told; a callback is 'signed' when it says so."""

    name = "sandbox"

    def __init__(self, answers: Mapping[str, GatewayReport | None] | None = None) -> None:
        self.answers = dict(answers or {})
        self.unavailable = False

    def create_payment(self, *, request: PaymentRequest) -> str:
        return f"https://gateway.example/pay/{request.reference}"

    def verify_callback(self, *, data: Mapping[str, str]) -> GatewayReport:
        if data.get("signed") != "yes":
            raise BadSignature
        return GatewayReport(
            reference=data["order"],
            transaction_id=data["transaction_id"],
            amount_vnd=int(data["amount"]),
            outcome=data["status"],
        )

    def query(self, *, reference: str) -> GatewayReport | None:
        if self.unavailable:
            raise GatewayUnavailable
        return self.answers.get(reference)


def callback(paid_order: PaymentOrder, **changes: str) -> dict[str, str]:
    return {
        "order": paid_order.reference,
        "transaction_id": "T1",
        "amount": str(paid_order.amount_vnd),
        "status": "paid",
        "signed": "yes",
    } | changes


@pytest.fixture
def payer(db: Any) -> User:
    return UserFactory()


@pytest.fixture
def heard() -> Any:
    received: list[object] = []
    events.subscribe(PaymentSucceeded, received.append)
    events.subscribe(PaymentFailed, received.append)
    yield received
    events.unsubscribe(PaymentSucceeded, received.append)
    events.unsubscribe(PaymentFailed, received.append)


def test_an_order_sums_its_fee_lines_and_is_audited(payer: User) -> None:
    order = create_payment_order(
        payer=payer,
        purpose="Cấp phép xây dựng",
        fee_lines=LINES,
        gateway="sandbox",
        dossier_code="000.00.00.H38-260501-0001",
    )
    assert order.amount_vnd == 150_000
    assert order.status == "pending"
    assert order.reference.startswith("MC")
    assert [line.fee_code for line in order.fee_lines.all()] == ["LP01", ""]
    audit = AuditEntry.objects.get(action="payment.order_created")
    assert audit.after["amount_vnd"] == 150_000


@pytest.mark.parametrize(
    ("purpose", "lines"),
    [
        ("", LINES),
        ("Lệ phí", []),
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=0)]),
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=-5)]),
        ("Lệ phí", [FeeLine(label="", amount_vnd=5)]),
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=1.5)]),  # type: ignore[arg-type]
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=True)]),
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=10**13)]),
        ("Lệ phí", [FeeLine(label="Lệ phí", amount_vnd=1)] * 51),
    ],
)
def test_a_malformed_order_is_refused_and_nothing_is_written(
    payer: User, purpose: str, lines: list[FeeLine]
) -> None:
    with pytest.raises(InvalidPaymentOrder):
        create_payment_order(payer=payer, purpose=purpose, fee_lines=lines, gateway="sandbox")
    assert not PaymentOrder.objects.exists()


@pytest.mark.parametrize(
    ("status", "settled", "event"),
    [
        ("paid", "paid", PaymentSucceeded),
        ("failed", "failed", PaymentFailed),
        ("cancelled", "cancelled", PaymentFailed),
    ],
)
def test_a_verified_callback_settles_the_order_and_publishes_after_commit(
    heard: list[object],
    django_capture_on_commit_callbacks: Any,
    status: str,
    settled: str,
    event: type,
) -> None:
    order = PaymentOrderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = record_gateway_callback(
            gateway=ReportingGateway(), data=callback(order, status=status)
        )
    order.refresh_from_db()
    assert (outcome.status, outcome.changed, order.status) == (settled, True, settled)
    assert AuditEntry.objects.filter(action=f"payment.{settled}").count() == 1
    assert [type(item) for item in heard] == [event]


def test_a_paid_order_records_that_it_was_paid_online() -> None:
    order = PaymentOrderFactory(dossier_code="000.00.00.H38-260501-0001")
    record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
    order.refresh_from_db()
    assert order.paid_online
    assert order.paid_at is not None
    assert exists_paid_online(dossier_code="000.00.00.H38-260501-0001")


def test_no_event_is_heard_when_the_transaction_rolls_back(heard: list[object]) -> None:
    order = PaymentOrderFactory()

    def settle_then_fail() -> None:
        with transaction.atomic():
            record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        settle_then_fail()
    order.refresh_from_db()
    assert order.status == "pending"
    assert heard == []


def test_a_replayed_callback_changes_nothing_and_gets_the_same_answer() -> None:
    order = PaymentOrderFactory()
    first = record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
    replay = record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
    assert (first.status, replay.status) == ("paid", "paid")
    assert (first.changed, replay.changed) == (True, False)
    assert AuditEntry.objects.filter(action="payment.paid").count() == 1


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"signed": "no"}, BadSignature),
        ({"amount": "1000"}, AmountMismatch),
        ({"order": "MC000000UNKNOWN"}, UnknownOrder),
    ],
)
def test_a_bad_callback_is_refused_and_the_order_stays_pending(
    changes: dict[str, str], refusal: type[Exception]
) -> None:
    order = PaymentOrderFactory()
    with pytest.raises(refusal):
        record_gateway_callback(gateway=ReportingGateway(), data=callback(order, **changes))
    order.refresh_from_db()
    assert order.status == "pending"
    assert not AuditEntry.objects.filter(action__startswith="payment.paid").exists()


def test_a_second_payment_of_a_paid_order_is_refused_not_overwritten() -> None:
    order = PaymentOrderFactory()
    record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
    with pytest.raises(TransactionMismatch):
        record_gateway_callback(
            gateway=ReportingGateway(), data=callback(order, transaction_id="T2")
        )
    order.refresh_from_db()
    assert order.gateway_transaction_id == "T1"


def test_an_order_of_another_gateway_is_unknown_to_this_one() -> None:
    order = PaymentOrderFactory(gateway="other")
    with pytest.raises(UnknownOrder):
        record_gateway_callback(gateway=ReportingGateway(), data=callback(order))


def reconcile(gateway: ReportingGateway, **times: timedelta) -> Any:
    return reconcile_payments(
        gateway_for=lambda _name: gateway,
        older_than=times.get("older_than", timedelta(minutes=15)),
        expire_after=times.get("expire_after", timedelta(hours=24)),
    )


def test_reconciling_settles_a_pending_order_whose_callback_was_lost() -> None:
    order = PaymentOrderFactory(created_at=now() - timedelta(minutes=20))
    gateway = ReportingGateway(
        {
            order.reference: GatewayReport(
                reference=order.reference, transaction_id="T9", amount_vnd=150_000, outcome="paid"
            )
        }
    )
    summary = reconcile(gateway)
    order.refresh_from_db()
    assert (summary.checked, summary.settled, order.status) == (1, 1, "paid")
    assert AuditEntry.objects.get(action="payment.paid").after["source"] == "reconcile"


def test_reconciling_leaves_young_orders_alone() -> None:
    order = PaymentOrderFactory(created_at=now() - timedelta(minutes=5))
    summary = reconcile(ReportingGateway())
    order.refresh_from_db()
    assert (summary.checked, order.status) == (0, "pending")


@pytest.mark.parametrize(("age_hours", "status"), [(2, "pending"), (25, "expired")])
def test_an_order_the_gateway_never_saw_expires_after_a_day(age_hours: int, status: str) -> None:
    order = PaymentOrderFactory(created_at=now() - timedelta(hours=age_hours))
    reconcile(ReportingGateway())
    order.refresh_from_db()
    assert order.status == status


def test_an_unavailable_gateway_leaves_orders_for_the_next_run() -> None:
    order = PaymentOrderFactory(created_at=now() - timedelta(days=3))
    gateway = ReportingGateway()
    gateway.unavailable = True
    summary = reconcile(gateway)
    order.refresh_from_db()
    assert (summary.unavailable, order.status) == (1, "pending")
