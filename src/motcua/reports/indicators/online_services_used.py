"""Indicator 3.2: online services with at least one online dossier (Decision 766/QĐ-TTg,
group 3)."""

from django.db.models import Count, Exists, OuterRef, Q

from motcua.catalog.choices import OnlineLevel
from motcua.dossiers.choices import Channel
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, dossiers_in_scope, procedures_in_scope

CODE = "3.2"


def online_services_used(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.2: online services (procedures in force offered partly
    or fully online) that received at least one online application in the period (submitted
    on the portal, whatever came of it) ÷ online services."""
    submitted = dossiers_in_scope(scope).filter(
        channel=Channel.ONLINE,
        submitted_at__gte=scope.start_moment,
        submitted_at__lt=scope.end_moment,
        procedure_version__procedure_id=OuterRef("procedure_id"),
    )
    counts = (
        procedures_in_scope(scope)
        .exclude(online_level=OnlineLevel.NONE)
        .aggregate(total=Count("pk"), used=Count("pk", filter=Q(Exists(submitted))))
    )
    return Terms(numerator=counts["used"], denominator=counts["total"])
