"""Indicator 3.5: fee-bearing procedures payable online (Decision 766/QĐ-TTg, group 3, full
marks at 80%)."""

from django.db.models import Count, Exists, OuterRef, Q

from motcua.catalog.choices import OnlineLevel
from motcua.catalog.models import Fee
from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.models import Payment
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, procedures_in_scope

CODE = "3.5"


def online_payment_procedures(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 3.5: fee-bearing procedures whose fees can be paid online
    ÷ fee-bearing procedures in force.

    The catalog does not record payment integration, so a procedure counts as payable online
    when it is fully online (Decree 42/2022: the full process, fees included, is done online)
    or when a dossier of it was paid online in the period.
    """
    fee = Fee.objects.filter(variant__version_id=OuterRef("pk"), amount_vnd__gt=0)
    paid_online = Payment.objects.filter(
        method=PaymentMethod.ONLINE,
        paid_at__gte=scope.start_moment,
        paid_at__lt=scope.end_moment,
        dossier__procedure_version__procedure_id=OuterRef("procedure_id"),
    )
    counts = (
        procedures_in_scope(scope)
        .filter(Exists(fee))
        .aggregate(
            total=Count("pk"),
            payable=Count("pk", filter=Q(online_level=OnlineLevel.FULL) | Q(Exists(paid_online))),
        )
    )
    return Terms(numerator=counts["payable"], denominator=counts["total"])
