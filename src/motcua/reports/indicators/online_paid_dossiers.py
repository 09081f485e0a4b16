"""Indicator 3.6: dossiers whose fees were paid online (Decision 766/QĐ-TTg, group 3)."""

from django.db.models import Count, Q

from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.models import Payment
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, received_in_period

CODE = "3.6"


def online_paid_dossiers(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.6: dossiers received in the period with a payment made
    online (Decree 118/2025 Art. 24) ÷ dossiers received in the period with a non-zero fee."""
    paid_online = Payment.objects.filter(method=PaymentMethod.ONLINE).values("dossier_id")
    counts = (
        received_in_period(scope)
        .filter(fee_amount_vnd__gt=0)
        .aggregate(total=Count("pk"), online=Count("pk", filter=Q(pk__in=paid_online)))
    )
    return Terms(numerator=counts["online"], denominator=counts["total"])
