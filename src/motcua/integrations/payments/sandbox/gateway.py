"""motcua's client of the sandbox gateway: the same code path a real gateway's client takes."""

from collections.abc import Mapping
from urllib.parse import urlencode

import structlog

from motcua.core.clock import isoformat, now
from motcua.integrations import outbound_http
from motcua.integrations.payments.base import (
    BadSignature,
    GatewayReport,
    GatewayUnavailable,
    MalformedCallback,
    PaymentRequest,
)
from motcua.integrations.payments.sandbox import protocol
from motcua.integrations.payments.sandbox.signing import is_signed, signed

log = structlog.get_logger(__name__)


class SandboxGateway:
    def __init__(self, *, name: str, merchant_id: str, secret: str, base_url: str) -> None:
        self.name = name
        self.merchant_id = merchant_id
        self.secret = secret
        self.base_url = base_url.rstrip("/") + "/"

    def create_payment(self, *, request: PaymentRequest) -> str:
        fields = signed(
            {
                "merchant": self.merchant_id,
                "order": request.reference,
                "amount": str(request.amount_vnd),
                "description": request.description[:200],
                "return_url": request.return_url,
                "notify_url": request.notify_url,
                "timestamp": isoformat(now()),
            },
            secret=self.secret,
        )
        return f"{self.base_url}pay/?{urlencode(fields)}"

    def verify_callback(self, *, data: Mapping[str, str]) -> GatewayReport:
        try:
            fields = protocol.only(data, protocol.RESULT_FIELDS)
        except protocol.ProtocolError as error:
            raise MalformedCallback from error
        if not is_signed(fields, secret=self.secret):
            raise BadSignature
        return self._report(fields, statuses=protocol.RESULT_STATUSES)

    def query(self, *, reference: str) -> GatewayReport | None:
        request = signed(
            {"merchant": self.merchant_id, "order": reference, "timestamp": isoformat(now())},
            secret=self.secret,
        )
        try:
            answer = outbound_http.post_form(f"{self.base_url}api/query/", data=request)
            body = answer.json()
        except (outbound_http.OutboundError, ValueError) as error:
            raise GatewayUnavailable from error
        if answer.status != 200 or not isinstance(body, dict):
            log.warning("payments.sandbox_query_failed", status=answer.status)
            raise GatewayUnavailable
        fields = {str(key): str(value) for key, value in body.items()}
        if not is_signed(fields, secret=self.secret):
            raise BadSignature
        if fields.get("order") != reference:
            raise MalformedCallback
        if fields.get("status") == "not_found":
            return None
        try:
            fields = protocol.only(fields, protocol.RESULT_FIELDS)
        except protocol.ProtocolError as error:
            raise MalformedCallback from error
        return self._report(fields, statuses=protocol.QUERY_STATUSES)

    def _report(self, fields: Mapping[str, str], *, statuses: frozenset[str]) -> GatewayReport:
        if fields["merchant"] != self.merchant_id or fields["status"] not in statuses:
            raise MalformedCallback
        try:
            amount = protocol.amount(fields["amount"])
            reported_at = protocol.moment(fields["timestamp"])
        except protocol.ProtocolError as error:
            raise MalformedCallback from error
        return GatewayReport(
            reference=fields["order"],
            transaction_id=fields["transaction_id"],
            amount_vnd=amount,
            outcome=fields["status"],
            reported_at=reported_at,
        )
