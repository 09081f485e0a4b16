from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = _("Reports and indicators")

    def ready(self) -> None:
        from motcua.core.events import subscribe, subscribe_in_transaction
        from motcua.dossiers.events import DossierActed
        from motcua.reports.listeners import (
            queue_on_dossier_event,
            queue_on_result_issued,
            refresh_on_dossier_event,
            refresh_on_result_issued,
        )
        from motcua.results.events import ResultIssued

        subscribe(DossierActed, refresh_on_dossier_event)
        subscribe(ResultIssued, refresh_on_result_issued)
        subscribe_in_transaction(DossierActed, queue_on_dossier_event)
        subscribe_in_transaction(ResultIssued, queue_on_result_issued)
