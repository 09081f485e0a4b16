"""The payer's side of online payment, and the gateway's ways back to motcua.

GET  /thanh-toan/                          my payment orders
GET  /thanh-toan/<reference>/              one order; POST …/pay/ sends the payer to the gateway
GET  /thanh-toan/ket-qua/<gateway>/        the browser's return (signed, like the callback)
POST /thanh-toan/thong-bao/<gateway>/      the gateway's server-to-server callback (JSON answer)
"""

import structlog
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import User
from motcua.integrations.payments.registry import get_gateway
from motcua.payments.choices import PaymentStatus
from motcua.payments.errors import CallbackRefused, PaymentError
from motcua.payments.gateway import PaymentGateway, PaymentRequest
from motcua.payments.models import PaymentOrder
from motcua.payments.queries import get_payment_order_for_payer, list_payment_orders
from motcua.payments.services import FeeLine, create_payment_order, record_gateway_callback

log = structlog.get_logger(__name__)


def _payer(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise Http404
    return request.user


def _order(request: HttpRequest, reference: str) -> PaymentOrder:
    try:
        return get_payment_order_for_payer(payer=_payer(request), reference=reference)
    except PaymentOrder.DoesNotExist as error:
        raise Http404 from error


def _gateway(name: str) -> PaymentGateway:
    try:
        return get_gateway(name)
    except LookupError as error:
        raise Http404 from error


@never_cache
@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    orders = list(list_payment_orders(payer=_payer(request))[:100])
    return render(request, "payment_gateways/order_list.html", {"orders": orders})


@never_cache
@login_required
@require_GET
def order_detail(request: HttpRequest, reference: str) -> HttpResponse:
    order = _order(request, reference)
    return render(request, "payment_gateways/order_detail.html", {"order": order})


@login_required
@require_POST
def pay(request: HttpRequest, reference: str) -> HttpResponse:
    """Send the payer to the gateway; a failed or cancelled order is paid as a new order."""
    order = _order(request, reference)
    if order.status == PaymentStatus.PAID:
        messages.info(request, _("This payment was already received."))
        return redirect("payments:order", reference=reference)
    if order.status != PaymentStatus.PENDING:
        try:
            order = create_payment_order(
                payer=order.payer,
                purpose=order.purpose,
                fee_lines=[
                    FeeLine(label=line.label, amount_vnd=line.amount_vnd, fee_code=line.fee_code)
                    for line in order.fee_lines.all()
                ],
                gateway=order.gateway,
                dossier_code=order.dossier_code,
            )
        except PaymentError as error:
            messages.error(request, str(error.message))
            return redirect("payments:order", reference=reference)
    gateway = _gateway(order.gateway)
    address = gateway.create_payment(
        request=PaymentRequest(
            reference=order.reference,
            amount_vnd=order.amount_vnd,
            description=order.purpose,
            return_url=request.build_absolute_uri(reverse("payments:return", args=[gateway.name])),
            notify_url=request.build_absolute_uri(
                reverse("payments:callback", args=[gateway.name])
            ),
        )
    )
    log.info("payments.payer_sent_to_gateway", gateway=gateway.name, reference=order.reference)
    return redirect(address)


@never_cache
@require_GET
def gateway_return(request: HttpRequest, gateway: str) -> HttpResponse:
    """The payer's browser comes back with the signed result: show the order's status."""
    chosen = _gateway(gateway)
    try:
        outcome = record_gateway_callback(gateway=chosen, data=request.GET.dict())
    except CallbackRefused as refusal:
        return render(
            request, "payment_gateways/refused.html", {"message": refusal.message}, status=400
        )
    order = outcome.order
    if request.user.is_authenticated and order.payer_id == request.user.pk:
        notice = {
            PaymentStatus.PAID: (messages.SUCCESS, _("The payment was received. Thank you.")),
            PaymentStatus.CANCELLED: (messages.INFO, _("The payment was cancelled.")),
        }.get(PaymentStatus(outcome.status), (messages.ERROR, _("The payment did not go through.")))
        messages.add_message(request, *notice)
        return redirect("payments:order", reference=order.reference)
    return render(request, "payment_gateways/returned.html", {"status": outcome.status})


@csrf_exempt
@require_POST
def gateway_callback(request: HttpRequest, gateway: str) -> JsonResponse:
    """The gateway's server-to-server notification. 200 once taken into account (replays too),
    400 with a reason when refused."""
    chosen = _gateway(gateway)
    try:
        outcome = record_gateway_callback(gateway=chosen, data=request.POST.dict())
    except CallbackRefused as refusal:
        return JsonResponse({"result": "refused", "code": refusal.code}, status=400)
    return JsonResponse(
        {"result": "accepted", "order": outcome.order.reference, "status": outcome.status}
    )
