from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from motcua.core.events import subscribe
        from motcua.deadlines.sources import register_due_moment_source
        from motcua.dossiers.due_moments import DossierDueMoments
        from motcua.dossiers.events import DossierActed, DossierSubmitted
        from motcua.dossiers.notifications import alert_intake_officers, notify_applicant

        register_due_moment_source(DossierDueMoments())
        subscribe(DossierActed, notify_applicant)
        subscribe(DossierSubmitted, alert_intake_officers)
