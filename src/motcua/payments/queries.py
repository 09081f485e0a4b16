"""Reads about payments, scoped to whoever asks."""

from datetime import datetime

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.payments.choices import PaymentChannel, PaymentStatus
from motcua.payments.models import PaymentOrder


def get_payment_order_for_payer(*, payer: User, reference: str) -> PaymentOrder:
    """The payer's own order. Raises PaymentOrder.DoesNotExist (also for another's order)."""
    return PaymentOrder.objects.prefetch_related("fee_lines").get(payer=payer, reference=reference)


def list_payment_orders(*, payer: User) -> QuerySet[PaymentOrder]:
    """The payer's orders, newest first."""
    return PaymentOrder.objects.filter(payer=payer).order_by("-created_at", "-pk")


def exists_paid_online(*, dossier_code: str) -> bool:
    """Whether a dossier's fees were paid online (Decision 766/QĐ-TTg indicator 3.6)."""
    return PaymentOrder.objects.filter(
        dossier_code=dossier_code, status=PaymentStatus.PAID, channel=PaymentChannel.ONLINE
    ).exists()


def list_orders_to_reconcile(*, created_before: datetime) -> QuerySet[PaymentOrder]:
    """Pending online orders created before the moment, oldest first."""
    return PaymentOrder.objects.filter(
        status=PaymentStatus.PENDING,
        channel=PaymentChannel.ONLINE,
        created_at__lte=created_before,
    ).order_by("created_at", "pk")
