"""State changes of payments: orders made, settled by a gateway's callback, reconciled.

A gateway's word is taken only once verified (its signature, then the order and the amount
against ours) and only once: a replayed callback finds the order settled, changes nothing and
gets the same answer. Events go out after the transaction commits.
"""

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.audit.services import record_audit
from motcua.core.clock import isoformat, now
from motcua.core.events import publish
from motcua.core.text import normalize
from motcua.payments.choices import (
    FINAL_STATUSES,
    GatewayOutcome,
    PaymentChannel,
    PaymentStatus,
)
from motcua.payments.errors import (
    AmountMismatch,
    CallbackRefused,
    GatewayUnavailable,
    InvalidPaymentOrder,
    TransactionMismatch,
    UnknownOrder,
)
from motcua.payments.events import PaymentFailed, PaymentSucceeded
from motcua.payments.gateway import GatewayReport, PaymentGateway
from motcua.payments.models import PaymentFeeLine, PaymentOrder
from motcua.payments.queries import list_orders_to_reconcile

log = structlog.get_logger(__name__)

MAX_AMOUNT_VND = 10**12
MAX_FEE_LINES = 50
_STATUS_OF_OUTCOME = {
    GatewayOutcome.PAID: PaymentStatus.PAID,
    GatewayOutcome.FAILED: PaymentStatus.FAILED,
    GatewayOutcome.CANCELLED: PaymentStatus.CANCELLED,
}


@dataclass(frozen=True, kw_only=True)
class FeeLine:
    label: str
    amount_vnd: int
    fee_code: str = ""


def create_payment_order(
    *,
    payer: User,
    purpose: str,
    fee_lines: Sequence[FeeLine],
    gateway: str,
    dossier_code: str | None = None,
) -> PaymentOrder:
    """Open an order for the sum of `fee_lines`, to be paid online through `gateway`.

    Raises InvalidPaymentOrder for an empty purpose, no lines, more than 50 lines, an amount
    that is not a positive whole number of dong, or a total above 10^12 dong.
    """
    purpose = normalize(purpose)
    lines = [
        PaymentFeeLine(
            label=normalize(line.label)[:300],
            fee_code=line.fee_code.strip()[:64],
            amount_vnd=line.amount_vnd,
        )
        for line in fee_lines
    ]
    if not purpose or len(purpose) > 300 or not lines or len(lines) > MAX_FEE_LINES:
        raise InvalidPaymentOrder
    if any(
        isinstance(line.amount_vnd, bool)
        or not isinstance(line.amount_vnd, int)
        or line.amount_vnd <= 0
        or not line.label
        for line in lines
    ):
        raise InvalidPaymentOrder
    total = sum(line.amount_vnd for line in lines)
    if total > MAX_AMOUNT_VND or not gateway:
        raise InvalidPaymentOrder
    for attempt in range(3):
        try:
            with transaction.atomic():
                order = PaymentOrder.objects.create(
                    reference=_new_reference(),
                    amount_vnd=total,
                    purpose=purpose,
                    payer=payer,
                    dossier_code=dossier_code or None,
                    channel=PaymentChannel.ONLINE,
                    gateway=gateway,
                )
                for line in lines:
                    line.order = order
                PaymentFeeLine.objects.bulk_create(lines)
                record_audit(
                    actor=payer,
                    action="payment.order_created",
                    target=order,
                    after={
                        "amount_vnd": total,
                        "gateway": gateway,
                        "dossier_code": order.dossier_code,
                        "fee_lines": len(lines),
                    },
                )
            return order
        except IntegrityError:
            # Two orders drew the same reference: draw again.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class SettlementOutcome:
    """The answer to a gateway's report: the order's status now, and whether this report
    changed it (False for a replay or a report of an order settled before)."""

    order: PaymentOrder
    status: str
    changed: bool


def record_gateway_callback(
    *, gateway: PaymentGateway, data: Mapping[str, str]
) -> SettlementOutcome:
    """Take a gateway's server-to-server notification (or the signed browser return) into account.

    Idempotent: a replayed notification changes nothing and gets the same answer. Raises
    BadSignature or MalformedCallback (from the gateway), UnknownOrder, AmountMismatch,
    TransactionMismatch; every refusal is logged without the signature or any secret.
    """
    try:
        report = gateway.verify_callback(data=data)
    except CallbackRefused as refusal:
        log.warning(
            "payments.callback_refused",
            gateway=gateway.name,
            reason=refusal.code,
            reference=str(data.get("order", ""))[:40],
        )
        raise
    return settle_payment(gateway_name=gateway.name, report=report, source="callback")


def assign_order_to_dossier(*, order: PaymentOrder, dossier_code: str, actor: User) -> None:
    """Link an order paid before submission to the dossier it paid for (indicator 3.6).

    Raises InvalidPaymentOrder when the order is not paid or already belongs to a dossier.
    """
    with transaction.atomic():
        locked = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != PaymentStatus.PAID or locked.dossier_code:
            raise InvalidPaymentOrder
        locked.dossier_code = dossier_code
        locked.save(update_fields=["dossier_code"])
        record_audit(
            actor=actor,
            action="payment.order_assigned",
            target=locked,
            after={"dossier_code": dossier_code},
        )
    order.dossier_code = dossier_code


def settle_payment(*, gateway_name: str, report: GatewayReport, source: str) -> SettlementOutcome:
    """Apply a verified gateway report to its order, once. Raises UnknownOrder,
    AmountMismatch, TransactionMismatch (all logged)."""
    try:
        with transaction.atomic():
            return _settle(gateway_name=gateway_name, report=report, source=source)
    except CallbackRefused as refusal:
        log.warning(
            "payments.report_refused",
            gateway=gateway_name,
            reason=refusal.code,
            source=source,
            reference=report.reference[:40],
        )
        raise


def _settle(*, gateway_name: str, report: GatewayReport, source: str) -> SettlementOutcome:
    order = (
        PaymentOrder.objects.select_for_update()
        .filter(reference=report.reference, gateway=gateway_name)
        .first()
    )
    if order is None:
        raise UnknownOrder
    if report.amount_vnd != order.amount_vnd:
        raise AmountMismatch
    if order.status in FINAL_STATUSES:
        paid_twice = (
            order.status == PaymentStatus.PAID
            and report.outcome == GatewayOutcome.PAID
            and report.transaction_id != order.gateway_transaction_id
        )
        if paid_twice:
            # Money arrived twice for one order: someone must refund; nothing is overwritten.
            log.error("payments.paid_twice", gateway=gateway_name, reference=order.reference)
            raise TransactionMismatch
        return SettlementOutcome(order=order, status=order.status, changed=False)
    status = _STATUS_OF_OUTCOME.get(GatewayOutcome(report.outcome))
    if status is None:
        return SettlementOutcome(order=order, status=order.status, changed=False)
    moment = now()
    order.status = status
    order.settled_at = moment
    order.gateway_transaction_id = report.transaction_id[:64]
    if status == PaymentStatus.PAID:
        order.paid_at = report.reported_at or moment
    order.save(update_fields=["status", "settled_at", "gateway_transaction_id", "paid_at"])
    record_audit(
        actor=None,
        action=f"payment.{status}",
        target=order,
        before={"status": PaymentStatus.PENDING},
        after={
            "status": status,
            "source": source,
            "gateway": gateway_name,
            "gateway_transaction_id": order.gateway_transaction_id,
            "paid_at": isoformat(order.paid_at) if order.paid_at else None,
        },
    )
    _publish_settlement(order)
    return SettlementOutcome(order=order, status=status, changed=True)


@dataclass(frozen=True)
class ReconciliationSummary:
    checked: int = 0
    settled: int = 0
    expired: int = 0
    still_pending: int = 0
    unavailable: int = 0
    refused: int = 0


def reconcile_payments(
    *,
    gateway_for: Callable[[str], PaymentGateway],
    older_than: timedelta,
    expire_after: timedelta,
    at: datetime | None = None,
) -> ReconciliationSummary:
    """Ask the gateways about pending online orders older than `older_than` and settle them.

    An order the gateway has never seen expires once older than `expire_after`. A gateway
    that does not answer leaves its orders pending for the next run. Elapsed time, not working
    time: a payment session is not an administrative deadline.
    """
    moment = at or now()
    counts = {"checked": 0, "settled": 0, "expired": 0, "still_pending": 0}
    counts |= {"unavailable": 0, "refused": 0}
    for order in list_orders_to_reconcile(created_before=moment - older_than):
        counts["checked"] += 1
        try:
            report = gateway_for(order.gateway).query(reference=order.reference)
        except (GatewayUnavailable, CallbackRefused, LookupError) as error:
            log.warning(
                "payments.reconcile_query_failed",
                gateway=order.gateway,
                reference=order.reference,
                reason=getattr(error, "code", type(error).__name__),
            )
            counts["unavailable"] += 1
            continue
        if report is None or report.outcome == GatewayOutcome.PENDING:
            if order.created_at <= moment - expire_after and _expire(order=order):
                counts["expired"] += 1
            else:
                counts["still_pending"] += 1
            continue
        try:
            outcome = settle_payment(gateway_name=order.gateway, report=report, source="reconcile")
        except CallbackRefused:
            counts["refused"] += 1
            continue
        counts["settled" if outcome.changed else "still_pending"] += 1
    log.info("payments.reconciled", **counts)
    return ReconciliationSummary(**counts)


def _expire(*, order: PaymentOrder) -> bool:
    with transaction.atomic():
        locked = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != PaymentStatus.PENDING:
            return False
        locked.status = PaymentStatus.EXPIRED
        locked.settled_at = now()
        locked.save(update_fields=["status", "settled_at"])
        record_audit(
            actor=None,
            action="payment.expired",
            target=locked,
            before={"status": PaymentStatus.PENDING},
            after={"status": PaymentStatus.EXPIRED, "source": "reconcile"},
        )
        _publish_settlement(locked)
    return True


def _publish_settlement(order: PaymentOrder) -> None:
    if order.status == PaymentStatus.PAID:
        publish(
            PaymentSucceeded(
                order_id=order.pk,
                reference=order.reference,
                dossier_code=order.dossier_code,
                amount_vnd=order.amount_vnd,
                channel=order.channel,
            )
        )
    else:
        publish(
            PaymentFailed(
                order_id=order.pk,
                reference=order.reference,
                dossier_code=order.dossier_code,
                status=order.status,
            )
        )


def _new_reference() -> str:
    """ "MC" + yymmdd + 10 random capitals and digits: unique, short, safe in any gateway."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    suffix = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"MC{now():%y%m%d}{suffix}"
