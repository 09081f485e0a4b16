from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import now


class SandboxTransaction(models.Model):
    """The sandbox gateway's own record of a payment, as a real gateway keeps one.

    It is what the query endpoint answers from, so a payment whose notification was lost can
    still be reconciled. One transaction per merchant and order, as real gateways require.
    """

    merchant = models.CharField(_("merchant"), max_length=32)
    order_reference = models.CharField(_("order reference"), max_length=64)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    transaction_id = models.CharField(_("transaction"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=16)
    notify_url = models.URLField(_("notification address"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=now)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox transaction")
        verbose_name_plural = _("sandbox transactions")
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "order_reference"], name="sandbox_pay_one_per_order"
            )
        ]

    def __str__(self) -> str:
        return self.transaction_id
