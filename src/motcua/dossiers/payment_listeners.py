"""Online payments (Decree 118/2025 Art. 24) recorded on their dossiers.

The payments app publishes `PaymentSucceeded` after a gateway confirms an order; when the order
names a dossier that awaits payment of that amount, the payment is recorded on it as an online
payment by the system (status 6 → 4). Anything else (no dossier, another status, another
amount) is left to an officer and logged with the codes only.
"""

import structlog

from motcua.dossiers.choices import DossierStatus, PaymentMethod
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.acts import record_payment
from motcua.payments.events import PaymentSucceeded

log = structlog.get_logger(__name__)


def record_online_payment(event: PaymentSucceeded) -> None:
    if not event.dossier_code:
        return
    dossier = Dossier.objects.filter(code=event.dossier_code).first()
    if dossier is None or dossier.status != DossierStatus.AWAITING_PAYMENT:
        log.info("dossier.payment_not_applied", code=event.dossier_code, order=event.reference)
        return
    try:
        record_payment(
            officer=None,
            dossier=dossier,
            method=PaymentMethod.ONLINE,
            amount_vnd=event.amount_vnd,
            reference=event.reference,
        )
    except DossierError as error:
        log.warning(
            "dossier.payment_refused",
            code=event.dossier_code,
            order=event.reference,
            reason=error.code,
        )
