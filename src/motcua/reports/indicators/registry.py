"""Every indicator computed from the system, in the order of Decision 766/QĐ-TTg, with its
title; each function lives in its own module and cites its source."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.reports.indicators.digitised_dossiers import digitised_dossiers
from motcua.reports.indicators.electronic_results import electronic_results
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.national_portal_sync import national_portal_sync
from motcua.reports.indicators.on_time import on_time_dossiers
from motcua.reports.indicators.online_dossiers import online_dossiers
from motcua.reports.indicators.online_paid_dossiers import online_paid_dossiers
from motcua.reports.indicators.online_payment_procedures import online_payment_procedures
from motcua.reports.indicators.online_procedures import online_procedures
from motcua.reports.indicators.online_services_used import online_services_used
from motcua.reports.indicators.published_procedures import published_procedures
from motcua.reports.indicators.resolution_time import resolution_time
from motcua.reports.indicators.reused_data import reused_data
from motcua.reports.indicators.satisfaction import satisfaction


@dataclass(frozen=True)
class Indicator:
    code: str
    title: Promise
    compute: Callable[..., Terms]


INDICATORS: tuple[Indicator, ...] = (
    Indicator("1.3", _("Procedures publicly showing all seven parts"), published_procedures),
    Indicator("1.4", _("Dossiers synchronised with the national portal"), national_portal_sync),
    Indicator("2.1", _("Dossiers settled on time"), on_time_dossiers),
    Indicator("2.2", _("Average time to settle a dossier (working days)"), resolution_time),
    Indicator("3.1", _("Procedures offered online"), online_procedures),
    Indicator("3.2", _("Online services with at least one online dossier"), online_services_used),
    Indicator("3.3", _("Dossiers lodged online"), online_dossiers),
    Indicator("3.5", _("Fee-bearing procedures payable online"), online_payment_procedures),
    Indicator("3.6", _("Dossiers paid online"), online_paid_dossiers),
    Indicator("4.1", _("Dossiers with an electronic result"), electronic_results),
    Indicator("4.2", _("Dossiers digitised (documents and result)"), digitised_dossiers),
    Indicator("4.3", _("Dossiers reusing digitised data"), reused_data),
    Indicator("5.4", _("Satisfaction with the handling of dossiers"), satisfaction),
)

GROUP_TITLES: dict[str, Promise] = {
    "1": _("Transparency"),
    "2": _("Progress and results"),
    "3": _("Online services"),
    "4": _("Digitisation"),
    "5": _("Satisfaction"),
}

BAND_TITLES: dict[str, Promise] = {
    "good": _("Good"),
    "fair": _("Fair"),
    "average": _("Average"),
    "weak": _("Weak"),
}


def get_indicator(code: str) -> Indicator:
    """Raises KeyError for a code not computed here."""
    return {indicator.code: indicator for indicator in INDICATORS}[code]
