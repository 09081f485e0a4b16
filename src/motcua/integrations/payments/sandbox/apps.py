from django.apps import AppConfig


class SandboxPayConfig(AppConfig):
    """A payment gateway served by the project itself, for development and tests."""

    name = "motcua.integrations.payments.sandbox"
    label = "sandbox_pay"
