"""Indicator 1.4: dossiers synchronised to the National Public Service Portal (Decision
766/QĐ-TTg, group 1; Decree 118/2025 Art. 27.2.d asks every dossier and status change to be
synchronised)."""

from django.utils.translation import gettext as _

from motcua.reports.indicators.measure import DataNotAvailable, Terms
from motcua.reports.indicators.scope import Scope

CODE = "1.4"


def national_portal_sync(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 1.4: dossiers synchronised ÷ dossiers received.

    The system has no synchronisation with the national portal yet, so nothing records which
    dossiers were sent: the indicator is reported as not available, never as zero.
    Raises DataNotAvailable.
    """
    raise DataNotAvailable(
        _("Not available: the system does not synchronise dossiers with the national portal yet.")
    )
