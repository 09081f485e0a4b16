"""Reads of ratings: whether a dossier may be rated, the ratings of a period, satisfaction.

`list_ratings` and `count_satisfaction` are aggregate reads for the reports and indicators
(SIPAS, Decision 766 §5.4); they carry no personal data and whoever calls them scopes the
agencies. The applicant-facing reads check who asks.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.surveys.choices import SATISFIED_ANSWERS, Content
from motcua.surveys.models import Rating


def is_rateable(dossier: Dossier) -> bool:
    """Decree 118/2025 Art. 33: rated after the result is returned or the dossier closed."""
    return dossier.status == DossierStatus.RETURNED or dossier.closed_at is not None


def exists_rating(*, dossier_id: int) -> bool:
    return Rating.objects.filter(dossier_id=dossier_id).exists()


def get_dossier_to_rate_for_applicant(*, applicant: Any, code: str) -> Dossier:
    """The signed-in applicant's own dossier. Raises DossierNotFound for another's or none."""
    dossier = Dossier.objects.filter(
        code=code, applicant_user_id=getattr(applicant, "pk", None)
    ).first()
    if dossier is None or not getattr(applicant, "is_authenticated", False):
        raise DossierNotFound("")
    return dossier


def get_dossier_to_rate(*, dossier_id: int) -> Dossier:
    """The dossier a signed rating link names. Raises DossierNotFound."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        raise DossierNotFound("")
    return dossier


def list_ratings(
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    agency_ids: list[int] | None = None,
    service_centre_ids: list[int] | None = None,
) -> QuerySet[Rating]:
    """Ratings given in [start, end), optionally of some competent agencies or centres,
    newest first. Each row holds the seven answers (`choices.Content` names the fields)."""
    ratings = Rating.objects.all()
    if start is not None:
        ratings = ratings.filter(rated_at__gte=start)
    if end is not None:
        ratings = ratings.filter(rated_at__lt=end)
    if agency_ids is not None:
        ratings = ratings.filter(agency_id__in=agency_ids)
    if service_centre_ids is not None:
        ratings = ratings.filter(service_centre_id__in=service_centre_ids)
    return ratings


@dataclass(frozen=True, kw_only=True)
class Satisfaction:
    """Ratings of one agency in a period: how many, and how many answered satisfied or very
    satisfied per content (`answered` leaves out the optional contents left empty)."""

    agency_id: int
    ratings: int
    satisfied: dict[str, int]
    answered: dict[str, int]

    def share(self, content: str) -> float | None:
        """Satisfied ÷ answered for one content, or None when nobody answered it."""
        answered = self.answered.get(content, 0)
        return self.satisfied.get(content, 0) / answered if answered else None


def count_satisfaction(
    *, start: datetime, end: datetime, agency_ids: list[int] | None = None
) -> list[Satisfaction]:
    """Per competent agency, ratings in [start, end) and their satisfied answers, in one query."""
    aggregates: dict[str, Any] = {"ratings": Count("pk")}
    for content in Content:
        field = content.value
        aggregates[f"satisfied_{field}"] = Count(
            "pk", filter=Q(**{f"{field}__in": SATISFIED_ANSWERS})
        )
        aggregates[f"answered_{field}"] = Count(field)
    rows: Any = (
        list_ratings(start=start, end=end, agency_ids=agency_ids)
        .order_by()
        .values("agency_id")
        .annotate(**aggregates)
        .order_by("agency_id")
    )
    return [
        Satisfaction(
            agency_id=row["agency_id"],
            ratings=row["ratings"],
            satisfied={c.value: row[f"satisfied_{c.value}"] for c in Content},
            answered={c.value: row[f"answered_{c.value}"] for c in Content},
        )
        for row in rows
    ]
