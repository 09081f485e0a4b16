"""Events the payments services publish (delivered after the transaction commits).

The dossiers app subscribes to learn that a dossier's fees were paid (or not).
"""

from dataclasses import dataclass

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class PaymentSucceeded(Event):
    order_id: int
    reference: str
    dossier_code: str | None
    amount_vnd: int
    channel: str


@dataclass(frozen=True, kw_only=True)
class PaymentFailed(Event):
    order_id: int
    reference: str
    dossier_code: str | None
    status: str
