"""Indicator 2.1: dossiers settled on time (Decision 766/QĐ-TTg, group 2, progress and results).

National formula: (dossiers settled early or on time + dossiers in progress within time) ÷
dossiers to be settled in the period. Rules kept here (docs/indicators.md):
- to be settled in the period: received in it, or carried over (received before it and not
  finished when it began); withdrawn dossiers (Decree 118/2025 Art. 21) are left out;
- finished: the result was approved (`decided_at`) or processing stopped (`closed_at` of a
  stopped dossier); finished after the cut-off counts as in progress at the cut-off;
- judged against the current due moment, which a supplement (restart or pause, Art. 19.5) or
  the one lawful extension (Art. 19.6) moved; an extension asked less than one working day
  before due (flagged `extension_late`) does not save the dossier: it counts late;
- more than one supplement request counts late (the national formula; Art. 11.2.c allows one);
- in progress at the cut-off: within time until the due moment, and while the clock is stopped
  waiting for the applicant's supplement.
"""

from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, QuerySet, When

from motcua.dossiers.choices import DossierStatus, FlagCode
from motcua.dossiers.models import Dossier, DossierFlag
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, dossiers_in_scope

CODE = "2.1"


def _settled_at() -> Case:
    return Case(
        When(decided_at__isnull=False, then=F("decided_at")),
        When(status=DossierStatus.STOPPED, then=F("closed_at")),
        default=None,
        output_field=DateTimeField(),
    )


def dossiers_to_settle(scope: Scope) -> QuerySet[Dossier]:
    """The dossiers the period had to settle, annotated with `settled_at` (see the module)."""
    return (
        dossiers_in_scope(scope)
        .annotate(settled_at=_settled_at())
        .filter(received_at__isnull=False, received_at__lt=scope.end_moment)
        .exclude(status=DossierStatus.WITHDRAWN)
        .filter(
            Q(received_at__gte=scope.start_moment)
            | Q(settled_at__isnull=True)
            | Q(settled_at__gte=scope.start_moment)
        )
    )


def in_time(scope: Scope) -> Q:
    """The condition "early, on time, or in progress within time at the cut-off"."""
    cutoff = scope.cutoff
    late_extension = DossierFlag.objects.filter(
        dossier_id=OuterRef("pk"), code=FlagCode.EXTENSION_LATE
    )
    # National formula: a dossier whose supplement was requested more than once is late.
    lawful = Q(supplement_requests__lte=1) & ~Q(Exists(late_extension))
    finished = Q(settled_at__lt=cutoff)
    open_at_cutoff = Q(settled_at__isnull=True) | Q(settled_at__gte=cutoff)
    no_due = Q(due_at__isnull=True)
    clock_stopped = Q(supplement_requested_at__lt=cutoff) & (
        Q(supplement_received_at__isnull=True) | Q(supplement_received_at__gte=cutoff)
    )
    finished_in_time = finished & (no_due | Q(settled_at__lte=F("due_at")))
    open_in_time = open_at_cutoff & (no_due | Q(due_at__gte=cutoff) | clock_stopped)
    return lawful & (finished_in_time | open_in_time)


def count_in_time(scope: Scope) -> tuple[int, int]:
    """(dossiers in time, dossiers to settle).

    Two counts rather than one `COUNT … FILTER`: in a WHERE clause PostgreSQL turns the
    subquery into a hashed anti-join, inside an aggregate's filter it would probe per row.
    """
    dossiers = dossiers_to_settle(scope)
    return dossiers.filter(in_time(scope)).count(), dossiers.count()


def on_time_dossiers(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 2.1: early + on time + in progress within time ÷ dossiers
    to be settled in the period (received in it or carried over)."""
    good, total = count_in_time(scope)
    return Terms(numerator=good, denominator=total)
