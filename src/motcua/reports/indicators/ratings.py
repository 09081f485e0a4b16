"""Where indicator 5.4 reads dissatisfied ratings (Decree 118/2025 Art. 33: five-level answers).

The per-dossier `Rating` of the `surveys` app is not in the system yet. Indicator 5.4 reads
ratings only through `RatingSource`; the default, `SurveysRatings`, looks for the model
`surveys.Rating` with a `dossier` foreign key and an `answer` field, and answers None (no
ratings held, counted as no dissatisfied dossier, and said so in the measure's note) while the
model or its table does not exist.
"""

from typing import Protocol

import structlog
from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from motcua.dossiers.models import Dossier

log = structlog.get_logger(__name__)

# The two lowest of the five levels (very satisfied … very dissatisfied).
DISSATISFIED_ANSWERS = ("dissatisfied", "very_dissatisfied")


class RatingSource(Protocol):
    def dissatisfied(self, *, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier] | None:
        """The dossiers among `dossiers` rated dissatisfied or very dissatisfied, or None when
        the system holds no ratings."""


class SurveysRatings:
    """`surveys.Rating` rows (`dossier`, `answer`), once that model and its table exist."""

    app_label = "surveys"
    model_name = "Rating"

    def dissatisfied(self, *, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier] | None:
        try:
            model = apps.get_model(self.app_label, self.model_name)
        except LookupError:
            return None
        if model._meta.db_table not in connection.introspection.table_names():
            return None
        try:
            rated = model._default_manager.filter(
                dossier_id=OuterRef("pk"), answer__in=DISSATISFIED_ANSWERS
            )
            return dossiers.filter(Exists(rated))
        except FieldError:
            log.warning("reports.ratings_unreadable", model=model._meta.label)
            return None


def count_dissatisfied(*, dossiers: QuerySet[Dossier], source: RatingSource) -> int | None:
    """How many of `dossiers` were rated dissatisfied; None when no ratings are held."""
    rated = source.dissatisfied(dossiers=dossiers)
    return None if rated is None else rated.count()
