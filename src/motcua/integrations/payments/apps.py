from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentGatewaysConfig(AppConfig):
    """Payment gateways: starting a payment, the gateway's callback and return, reconciling."""

    name = "motcua.integrations.payments"
    label = "payment_gateways"
    verbose_name = _("Payment gateways")
