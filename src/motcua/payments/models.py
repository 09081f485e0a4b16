from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import now
from motcua.payments.choices import PaymentChannel, PaymentStatus


class PaymentOrder(models.Model):
    """An amount a payer owes for a purpose (usually a dossier's fees), and how it was paid.

    `reference` is the order id sent to the gateway. `dossier_code` ties the order to a dossier
    without a foreign key, so payments need not know the dossiers app. Indicator 3.6 of
    Decision 766/QĐ-TTg counts dossiers whose fee was paid online: `paid_online`.
    """

    reference = models.CharField(_("order reference"), max_length=32, unique=True)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    purpose = models.CharField(_("purpose"), max_length=300)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="payment_orders",
        verbose_name=_("payer"),
    )
    # NULL, not "": an order for no dossier (yet) is not an order for the dossier "".
    dossier_code = models.CharField(  # noqa: DJ001
        _("dossier code"), max_length=64, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PaymentStatus, default=PaymentStatus.PENDING
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=PaymentChannel, default=PaymentChannel.ONLINE
    )
    gateway = models.CharField(_("gateway"), max_length=32, blank=True)
    gateway_transaction_id = models.CharField(_("gateway transaction"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_vnd__gt=0), name="payments_order_positive_amount"
            ),
            models.UniqueConstraint(
                fields=["gateway", "gateway_transaction_id"],
                condition=~models.Q(gateway_transaction_id=""),
                name="payments_order_unique_gateway_transaction",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["dossier_code"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def paid_online(self) -> bool:
        return self.status == PaymentStatus.PAID and self.channel == PaymentChannel.ONLINE


class PaymentFeeLine(models.Model):
    """One fee or charge making up an order, as the catalog names it."""

    order = models.ForeignKey(
        PaymentOrder, on_delete=models.CASCADE, related_name="fee_lines", verbose_name=_("order")
    )
    label = models.CharField(_("fee"), max_length=300)
    fee_code = models.CharField(_("fee code"), max_length=64, blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("fee line")
        verbose_name_plural = _("fee lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_vnd__gt=0), name="payments_fee_line_positive_amount"
            )
        ]

    def __str__(self) -> str:
        return self.label
