from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxPayConfig(AppConfig):
    """A payment gateway served by the project itself, for development and tests."""

    name = "motcua.integrations.payments.sandbox"
    label = "sandbox_pay"
    verbose_name = _("Sandbox payment gateway")
