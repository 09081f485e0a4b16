"""Indicator 3.1: procedures offered online (Decision 766/QĐ-TTg, group 3, full marks at 80%)."""

from django.db.models import Count, Q

from motcua.catalog.choices import OnlineLevel
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, procedures_in_scope

CODE = "3.1"


def online_procedures(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.1: procedures offered partly or fully online (Decree
    42/2022 levels, the best level among the variants) ÷ procedures of the unit in force."""
    counts = procedures_in_scope(scope).aggregate(
        total=Count("pk"),
        online=Count("pk", filter=Q(online_level__in=[OnlineLevel.PARTIAL, OnlineLevel.FULL])),
    )
    return Terms(numerator=counts["online"], denominator=counts["total"])
