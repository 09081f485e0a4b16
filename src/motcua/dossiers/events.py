"""Domain events of dossiers, published after the act's transaction commits.

Every act publishes one event, a subclass of `DossierActed`, carrying the dossier's code, the
status before and after (with the national status codes) and the moment. Integrations (national
portal sync, notifications, indicators) subscribe to `DossierActed` for all of them or to one
subclass. Events carry no personal data: listeners read what they need by `dossier_id`.
"""

from dataclasses import dataclass
from datetime import datetime

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class DossierActed(Event):
    dossier_id: int
    code: str
    act: str
    status_before: str
    status: str
    national_status_code: int
    at: datetime
    actor_id: int | None = None
    # Whether the applicant left an e-mail address (the address itself is not carried).
    applicant_reachable: bool = False

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status


@dataclass(frozen=True, kw_only=True)
class DossierSubmitted(DossierActed):
    """An online dossier arrived (status 1): intake staff are alerted (Art. 17.2)."""

    intake_due_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DossierReceived(DossierActed):
    due_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DossierRefusedAtIntake(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class DossierReturnedForSupplement(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class DossierAssigned(DossierActed):
    handler_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class StepCompleted(DossierActed):
    step_order: int | None = None


@dataclass(frozen=True, kw_only=True)
class StepReturned(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class DossierTransferred(DossierActed):
    to_agency_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class DossierRecalled(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class ConsultationRequested(DossierActed):
    consultation_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class ConsultationAnswered(DossierActed):
    consultation_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class SupplementRequested(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class SupplementReceived(DossierActed):
    due_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class PaymentRequested(DossierActed):
    amount_vnd: int = 0


@dataclass(frozen=True, kw_only=True)
class PaymentRecorded(DossierActed):
    amount_vnd: int = 0
    method: str = ""


@dataclass(frozen=True, kw_only=True)
class DossierWithdrawn(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class DossierRefused(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class DossierStopped(DossierActed):
    """Stopped without the supplement after the waiting time."""


@dataclass(frozen=True, kw_only=True)
class DeadlineExtended(DossierActed):
    due_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ResultApproved(DossierActed):
    pass


@dataclass(frozen=True, kw_only=True)
class ResultReturned(DossierActed):
    method: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentAttached(DossierActed):
    document_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class DossierFlagged(DossierActed):
    flag: str = ""
