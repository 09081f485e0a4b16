"""Indicator 3.6: dossiers whose fees were paid online (Decision 766/QĐ-TTg, group 3)."""

from django.db.models import Exists, OuterRef

from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.models import Payment
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, received_in_period

CODE = "3.6"


def online_paid_dossiers(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.6: dossiers received in the period with a payment made
    online (Decree 118/2025 Art. 24) ÷ dossiers received in the period with a non-zero fee."""
    paid_online = Payment.objects.filter(dossier_id=OuterRef("pk"), method=PaymentMethod.ONLINE)
    with_fee = received_in_period(scope).filter(fee_amount_vnd__gt=0)
    return Terms(
        numerator=with_fee.filter(Exists(paid_online)).count(), denominator=with_fee.count()
    )
