"""How a dossier stands against its due moment, as the queues show it: colour and words.

In progress (DOMAIN §4): within time, approaching (at most 1 working day left) or overdue.
Finished: early, on time or late. An online dossier waiting for intake runs against its 8
working hours (Decree 118/2025 Art. 17.2) and approaches within 2 of them; a dossier waiting
for its supplement has no running clock. Every class has a text label, never colour alone.

The same classes filter lists in SQL: the "approaching" boundary is the first moment with more
than 1 working day left, computed once per request on the province's calendar.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.deadlines import engine
from motcua.deadlines.engine.classification import DEFAULT_APPROACHING_WITHIN
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.due_moments import INTAKE_ALERT_HOURS, timeliness
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import CLOCK_RUNNING

S = DossierStatus
DECIDED = (S.RESULT_READY, S.RETURNED)
INTAKE_APPROACHING_WITHIN = engine.Duration(INTAKE_ALERT_HOURS, engine.Unit.WORKING_HOURS)

# The filter values of the lists, in the order the filter offers them.
PROGRESS_CHOICES = [
    ("overdue", _("Overdue")),
    ("approaching", _("Approaching the due moment")),
    ("within_time", _("Within time")),
]


@dataclass(frozen=True)
class TimeClass:
    """One dossier's standing: `name` picks the colour (CSS `time-<name>`), `label` says it."""

    name: str
    label: str | Promise
    due_at: datetime | None = None

    @property
    def css(self) -> str:
        return f"time-{self.name.replace('_', '-')}"


LABELS: dict[str, str | Promise] = {
    "overdue": _("Overdue"),
    "approaching": _("Approaching the due moment"),
    "within_time": _("Within time"),
    "early": _("Finished early"),
    "on_time": _("Finished on time"),
    "late": _("Finished late"),
    "stopped": _("Clock stopped: awaiting the supplement"),
    "intake_overdue": _("Intake overdue (8 working hours passed)"),
    "intake_approaching": _("Intake due within 2 working hours"),
    "intake_within_time": _("Awaiting intake, within 8 working hours"),
    "with_applicant": _("Returned to the applicant for completion"),
    "closed": _("Closed"),
}


def _class(name: str, due_at: datetime | None) -> TimeClass:
    return TimeClass(name=name, label=LABELS[name], due_at=due_at)


def classify(dossier: Dossier, *, calendar: engine.WorkCalendar, at: datetime) -> TimeClass:
    """The standing of `dossier` at `at` (one calendar for a whole page: no query here)."""
    status = dossier.status
    if status == S.SUBMITTED and dossier.intake_due_at is not None:
        progress = engine.classify_in_progress(
            calendar,
            due_at=dossier.intake_due_at,
            at=at,
            approaching_within=INTAKE_APPROACHING_WITHIN,
        )
        return _class(f"intake_{progress.value}", dossier.intake_due_at)
    if status in CLOCK_RUNNING and dossier.due_at is not None:
        progress = engine.classify_in_progress(calendar, due_at=dossier.due_at, at=at)
        return _class(progress.value, dossier.due_at)
    if status == S.AWAITING_SUPPLEMENT:
        if dossier.received_at is None:
            return _class("with_applicant", None)
        return _class("stopped", dossier.due_at)
    if status in DECIDED:
        finished = timeliness(due_at=dossier.due_at, finished_at=dossier.decided_at)
        if finished is not None:
            return _class(finished, dossier.due_at)
    return _class("closed", dossier.due_at)


def approaching_boundary(*, calendar: engine.WorkCalendar, at: datetime) -> datetime:
    """The first moment with more than 1 working day left after `at`: a dossier due before
    it (and not yet) is approaching, exactly as `engine.classify_in_progress` says."""
    return calendar.add_working_seconds(at, DEFAULT_APPROACHING_WITHIN.working_seconds + 1)
