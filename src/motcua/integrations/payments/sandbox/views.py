"""The sandbox gateway's own pages and API, served under /sandbox-pay/ when DEBUG or
SANDBOX_PAY_ENABLED is on (404 otherwise).

GET  pay/        the payment page: the signed request is checked; the payer picks an outcome
POST pay/        record the transaction, POST the signed notification to `notify_url`
                 (unless the payer asked to lose it), send the browser to `return_url`
POST api/query/  a signed query, answered with the transaction's status, signed
"""

import secrets
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

import structlog
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.clock import isoformat, now
from motcua.integrations import outbound_http
from motcua.integrations.payments.sandbox import protocol
from motcua.integrations.payments.sandbox.models import SandboxTransaction
from motcua.integrations.payments.sandbox.signing import is_signed, signed

log = structlog.get_logger(__name__)

OUTCOMES = ("paid", "failed", "cancelled")


def _require_enabled() -> None:
    if not (settings.DEBUG or settings.SANDBOX_PAY_ENABLED):
        raise Http404


def _merchants() -> dict[str, str]:
    """Merchant id → secret: the sandbox serves every sandbox gateway configured here."""
    return {
        str(config["MERCHANT_ID"]): str(config["SECRET"])
        for config in settings.PAYMENT_GATEWAYS.values()
        if str(config.get("CLASS", "")).endswith("sandbox.gateway.SandboxGateway")
    }


def _checked_request(data: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """The payment request's fields and its merchant's secret. Raises ProtocolError."""
    fields = protocol.only(data, protocol.PAYMENT_FIELDS)
    secret = _merchants().get(fields["merchant"])
    if secret is None or not is_signed(fields, secret=secret):
        raise protocol.ProtocolError("the signature is not valid")
    protocol.amount(fields["amount"])
    for name in ("return_url", "notify_url"):
        if urlsplit(fields[name]).scheme not in {"http", "https"}:
            raise protocol.ProtocolError(f"{name} must be an http(s) address")
    if now() - protocol.moment(fields["timestamp"]) > timedelta(hours=1):
        raise protocol.ProtocolError("the payment request has expired")
    return fields, secret


@never_cache
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    _require_enabled()
    data = request.GET if request.method == "GET" else request.POST
    try:
        fields, secret = _checked_request(data)
    except protocol.ProtocolError as error:
        log.warning("sandbox_pay.request_refused", reason=str(error))
        return render(request, "sandbox_pay/refused.html", {"reason": str(error)}, status=400)
    existing = SandboxTransaction.objects.filter(
        merchant=fields["merchant"], order_reference=fields["order"]
    ).first()
    if request.method == "GET" or existing is not None:
        context = {"fields": fields, "amount": int(fields["amount"]), "existing": existing}
        return render(request, "sandbox_pay/pay.html", context, status=409 if existing else 200)
    outcome = request.POST.get("outcome")
    if outcome not in OUTCOMES:
        context = {"fields": fields, "amount": int(fields["amount"]), "choose": True}
        return render(request, "sandbox_pay/pay.html", context, status=400)
    try:
        with transaction.atomic():
            row = SandboxTransaction.objects.create(
                merchant=fields["merchant"],
                order_reference=fields["order"],
                amount_vnd=int(fields["amount"]),
                transaction_id=f"SBX{secrets.token_hex(8).upper()}",
                status=outcome,
                notify_url=fields["notify_url"],
            )
    except IntegrityError:
        return render(request, "sandbox_pay/refused.html", {"reason": "duplicate"}, status=409)
    result = _result(row, secret=secret)
    if request.POST.get("lose_notification") != "on":
        _notify(row, result)
    return HttpResponseRedirect(_with_query(fields["return_url"], result))


def _result(row: SandboxTransaction, *, secret: str) -> dict[str, str]:
    return signed(
        {
            "merchant": row.merchant,
            "order": row.order_reference,
            "amount": str(row.amount_vnd),
            "transaction_id": row.transaction_id,
            "status": row.status,
            "timestamp": isoformat(now()),
        },
        secret=secret,
    )


def _notify(row: SandboxTransaction, result: dict[str, str]) -> None:
    """The server-to-server notification, once; a real gateway would retry, reconcile covers it."""
    try:
        answer = outbound_http.post_form(row.notify_url, data=result)
    except outbound_http.OutboundError:
        log.warning("sandbox_pay.notification_failed", transaction_id=row.transaction_id)
        return
    if answer.status == 200:
        SandboxTransaction.objects.filter(pk=row.pk).update(notified_at=now())
    else:
        log.warning(
            "sandbox_pay.notification_refused",
            transaction_id=row.transaction_id,
            status=answer.status,
        )


def _with_query(address: str, values: dict[str, str]) -> str:
    separator = "&" if "?" in address else "?"
    return f"{address}{separator}{urlencode(values)}"


@csrf_exempt
@never_cache
@require_POST
def query(request: HttpRequest) -> JsonResponse:
    """A merchant asks about an order; the answer is signed with the merchant's secret."""
    _require_enabled()
    try:
        fields = protocol.only(request.POST, protocol.QUERY_FIELDS)
    except protocol.ProtocolError as error:
        return JsonResponse({"error": "malformed_request", "message": str(error)}, status=400)
    secret = _merchants().get(fields["merchant"])
    if secret is None or not is_signed(fields, secret=secret):
        return JsonResponse({"error": "bad_signature"}, status=401)
    try:
        asked_at = protocol.moment(fields["timestamp"])
    except protocol.ProtocolError as error:
        return JsonResponse({"error": "malformed_request", "message": str(error)}, status=400)
    if abs((now() - asked_at).total_seconds()) > protocol.FRESHNESS_SECONDS:
        return JsonResponse({"error": "stale_request"}, status=400)
    row = SandboxTransaction.objects.filter(
        merchant=fields["merchant"], order_reference=fields["order"]
    ).first()
    if row is None:
        answer = signed(
            {
                "merchant": fields["merchant"],
                "order": fields["order"],
                "status": "not_found",
                "timestamp": isoformat(now()),
            },
            secret=secret,
        )
        return JsonResponse(answer)
    return JsonResponse(_result(row, secret=secret))
