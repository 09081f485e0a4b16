"""Payment gateways by name, built from PAYMENT_GATEWAYS in the settings.

    PAYMENT_GATEWAYS = {"sandbox": {"CLASS": "…SandboxGateway", "MERCHANT_ID": …, …}}

The class receives the block's other keys in lower case as keyword arguments, and `name`.
"""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from motcua.payments.gateway import PaymentGateway


def get_gateway(name: str) -> PaymentGateway:
    """The configured gateway called `name`. Raises LookupError for an unknown name."""
    config: dict[str, Any] | None = settings.PAYMENT_GATEWAYS.get(name)
    if config is None:
        raise LookupError(f"no payment gateway named {name!r}")
    options = {key.lower(): value for key, value in config.items() if key != "CLASS"}
    gateway: PaymentGateway = import_string(config["CLASS"])(name=name, **options)
    return gateway


def default_gateway() -> PaymentGateway:
    """The gateway online payments go through (PAYMENT_GATEWAY)."""
    return get_gateway(settings.PAYMENT_GATEWAY)
