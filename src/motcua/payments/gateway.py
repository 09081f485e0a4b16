"""What the payments app needs of a payment gateway.

The contract lives here, in the domain, so that the services can take a gateway as an argument
without importing `integrations` (which sits above the domain). Gateways implement it in
`motcua.integrations.payments`; `registry.get_gateway(name)` finds them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class PaymentRequest:
    """What a gateway needs to take a payment."""

    reference: str
    amount_vnd: int
    description: str
    return_url: str
    notify_url: str


@dataclass(frozen=True, kw_only=True)
class GatewayReport:
    """A gateway's verified word about one payment (from a callback or a query).

    `outcome` is a GatewayOutcome value. `transaction_id` is empty when the gateway has no
    transaction for the order (the payer never paid).
    """

    reference: str
    transaction_id: str
    amount_vnd: int
    outcome: str
    reported_at: datetime | None = None


class PaymentGateway(Protocol):
    name: str

    def create_payment(self, *, request: PaymentRequest) -> str:
        """The address to send the payer's browser to."""

    def verify_callback(self, *, data: Mapping[str, str]) -> GatewayReport:
        """Check a callback's signature and read it. Raises CallbackRefused (bad_signature,
        malformed_callback)."""

    def query(self, *, reference: str) -> GatewayReport | None:
        """Ask the gateway about an order; None when it knows nothing of it. Raises
        GatewayUnavailable."""
