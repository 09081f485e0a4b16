"""Indicator 1.3: procedures publicly showing all seven parts (Decision 766/QĐ-TTg, group 1)."""

from django.db.models import Count, Q

from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, procedures_in_scope

CODE = "1.3"


def published_procedures(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 1.3: procedures in force showing steps, channels, dossier
    composition, processing time, who may apply, implementing agencies and result ÷ procedures
    in force (`missing_parts` is filled by the catalog import, `catalog.publication`)."""
    counts = procedures_in_scope(scope).aggregate(
        published=Count("pk"), complete=Count("pk", filter=Q(missing_parts=[]))
    )
    return Terms(numerator=counts["complete"], denominator=counts["published"])
