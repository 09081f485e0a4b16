from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "motcua.integrations.signing"
    label = "signing"
    verbose_name = "Digital signatures"
