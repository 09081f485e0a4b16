"""Where indicator 5.4 reads dissatisfied ratings (Decree 118/2025 Art. 33: five-level answers).

Indicator 5.4 reads ratings through `RatingSource`; the default, `SurveysRatings`, reads the
`surveys` app's `Rating` (one per dossier, five-level answers to the seven contents) and
answers None while the system holds no rating at all (counted as no dissatisfied dossier, and
said so in the measure's note).
"""

from typing import Protocol

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.dossiers.models import Dossier
from motcua.surveys.choices import Answer, Content
from motcua.surveys.models import Rating


class RatingSource(Protocol):
    def dissatisfied(self, *, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier] | None:
        """The dossiers among `dossiers` rated dissatisfied or very dissatisfied, or None when
        the system holds no ratings."""


class SurveysRatings:
    """The `surveys` app's per-dossier ratings: a dossier counts as disliked when any of the
    Art. 33 contents was answered dissatisfied or very dissatisfied."""

    def dissatisfied(self, *, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier] | None:
        if not Rating.objects.exists():
            return None
        low = Q()
        for content in Content:
            low |= Q(**{f"{content.value}__lte": Answer.DISSATISFIED})
        rated = Rating.objects.filter(low, dossier_id=OuterRef("pk"))
        return dossiers.filter(Exists(rated))


def count_dissatisfied(*, dossiers: QuerySet[Dossier], source: RatingSource) -> int | None:
    """How many of `dossiers` were rated dissatisfied; None when no ratings are held."""
    rated = source.dissatisfied(dossiers=dossiers)
    return None if rated is None else rated.count()
