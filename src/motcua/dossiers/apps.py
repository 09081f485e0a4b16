from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from motcua.core.events import subscribe
        from motcua.deadlines.sources import register_due_moment_source
        from motcua.dossiers.due_moments import DossierDueMoments
        from motcua.dossiers.events import DossierActed, DossierSubmitted
        from motcua.dossiers.notifications import alert_intake_officers, notify_applicant
        from motcua.dossiers.payment_listeners import record_online_payment
        from motcua.payments.events import PaymentSucceeded

        register_due_moment_source(DossierDueMoments())
        subscribe(DossierActed, notify_applicant)
        subscribe(DossierSubmitted, alert_intake_officers)
        subscribe(PaymentSucceeded, record_online_payment)
