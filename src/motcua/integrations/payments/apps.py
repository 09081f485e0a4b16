from django.apps import AppConfig


class PaymentGatewaysConfig(AppConfig):
    """Payment gateways: starting a payment, the gateway's callback and return, reconciling."""

    name = "motcua.integrations.payments"
    label = "payment_gateways"
