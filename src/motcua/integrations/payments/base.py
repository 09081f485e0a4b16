"""The contract every payment gateway fulfils, and what a gateway's answers look like.

The contract is defined by the domain (`motcua.payments.gateway`), whose services take a
gateway as an argument and may not import this package; it is re-exported here for the
gateways' authors. A gateway module provides a class built from its settings block in
PAYMENT_GATEWAYS (`registry`): `create_payment` (the address to send the payer to),
`verify_callback` (a signed notification, verified), `query` (the gateway's word on an order).
"""

from motcua.payments.errors import BadSignature, GatewayUnavailable, MalformedCallback
from motcua.payments.gateway import GatewayReport, PaymentGateway, PaymentRequest

__all__ = [
    "BadSignature",
    "GatewayReport",
    "GatewayUnavailable",
    "MalformedCallback",
    "PaymentGateway",
    "PaymentRequest",
]
