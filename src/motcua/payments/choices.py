from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# Decree 118/2025 Art. 24: fees are paid in cash, by transfer or online through a lawful gateway.
class PaymentChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    CASH = "cash", _("Cash")
    TRANSFER = "transfer", _("Bank transfer")


class GatewayOutcome(models.TextChoices):
    """What a gateway says of a payment it handled."""

    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled by the payer")
    PENDING = "pending", _("Not finished yet")


FINAL_STATUSES = frozenset(
    {PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.EXPIRED}
)
