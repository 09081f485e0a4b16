"""API endpoints about the caller's own payment orders.

GET /api/v1/payments/orders              the caller's orders, newest first (status filter)
GET /api/v1/payments/orders/{reference}  one of them
"""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from motcua.accounts.models import User
from motcua.api.auth import SIGNED_IN
from motcua.api.errors import ApiError, ErrorOut
from motcua.core.clock import isoformat
from motcua.payments.models import PaymentOrder
from motcua.payments.queries import get_payment_order_for_payer, list_payment_orders

router = Router(tags=["payments"])

MAX_ORDERS = 100
Status = Literal["pending", "paid", "failed", "cancelled", "expired"]


class FeeLineOut(Schema):
    label: str
    fee_code: str
    amount_vnd: int


class PaymentOrderOut(Schema):
    reference: str
    purpose: str
    amount_vnd: int
    status: Status
    channel: Literal["online", "cash", "transfer"]
    paid_online: bool
    dossier_code: str | None
    created_at: str
    paid_at: str | None
    fee_lines: list[FeeLineOut]


class OrdersFilter(Schema):
    status: Status | None = None


def _out(order: PaymentOrder) -> PaymentOrderOut:
    return PaymentOrderOut(
        reference=order.reference,
        purpose=order.purpose,
        amount_vnd=order.amount_vnd,
        status=order.status,  # type: ignore[arg-type]
        channel=order.channel,  # type: ignore[arg-type]
        paid_online=order.paid_online,
        dossier_code=order.dossier_code,
        created_at=isoformat(order.created_at),
        paid_at=isoformat(order.paid_at) if order.paid_at else None,
        fee_lines=[
            FeeLineOut(label=line.label, fee_code=line.fee_code, amount_vnd=line.amount_vnd)
            for line in order.fee_lines.all()
        ],
    )


@router.get(
    "/payments/orders",
    auth=SIGNED_IN,
    response={200: list[PaymentOrderOut], 401: ErrorOut, 422: ErrorOut},
    summary="My payment orders",
    description=(
        "The caller's payment orders, newest first, at most 100, with their fee lines; "
        "`status` filters. Moments are ISO 8601 with +07:00; `paid_online` is what "
        "indicator 3.6 counts."
    ),
)
def payment_orders(request: HttpRequest, filters: Query[OrdersFilter]) -> list[PaymentOrderOut]:
    payer: User = request.auth  # type: ignore[attr-defined]
    orders = list_payment_orders(payer=payer).prefetch_related("fee_lines")
    if filters.status:
        orders = orders.filter(status=filters.status)
    return [_out(order) for order in orders[:MAX_ORDERS]]


@router.get(
    "/payments/orders/{reference}",
    auth=SIGNED_IN,
    response={200: PaymentOrderOut, 401: ErrorOut, 404: ErrorOut},
    summary="One of my payment orders",
    description="Another payer's order and a missing one both answer 404.",
)
def payment_order(request: HttpRequest, reference: str) -> PaymentOrderOut:
    payer: User = request.auth  # type: ignore[attr-defined]
    try:
        order = get_payment_order_for_payer(payer=payer, reference=reference)
    except PaymentOrder.DoesNotExist:
        raise ApiError("not_found", _("No such payment order."), status=404) from None
    return _out(order)
