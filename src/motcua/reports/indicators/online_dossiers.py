"""Indicator 3.3: dossiers lodged online (Decision 766/QĐ-TTg, group 3, full marks at 50%)."""

from django.db.models import Count, Q

from motcua.dossiers.choices import Channel
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, received_in_period

CODE = "3.3"


def online_dossiers(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.3: dossiers received in the period that came online
    (channel 2, Decree 118/2025 Art. 15) ÷ dossiers received in the period."""
    counts = received_in_period(scope).aggregate(
        total=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE))
    )
    return Terms(numerator=counts["online"], denominator=counts["total"])
