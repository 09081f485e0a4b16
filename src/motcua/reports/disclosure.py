"""The public disclosure page's figures: per agency and per receiving unit, the on-time rate of
the year's resolved dossiers (roll-up facts) and the satisfaction of the year's ratings.

A rating counts as satisfied when none of its Art. 33 contents was answered dissatisfied or
very dissatisfied: the complement of the dissatisfied dossiers of indicator 5.4. No personal
data and no scope: these are published figures.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q

from motcua.core.clock import VIETNAM
from motcua.reports.queries import list_public_on_time_rates, names_of
from motcua.surveys.choices import Answer, Content
from motcua.surveys.models import Rating

GROUPINGS = {"agency": "agency_id", "unit": "service_centre__unit_id"}


@dataclass(frozen=True)
class PublicRow:
    key: int
    name: str
    resolved: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.resolved if self.resolved else None

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


def _ratings(*, year: int, grouping: str) -> dict[int, tuple[int, int]]:
    """(ratings, satisfied ratings) given in `year` per agency or receiving unit."""
    disliked = Q()
    for content in Content:
        disliked |= Q(**{f"{content.value}__lte": Answer.DISSATISFIED})
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=VIETNAM)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=VIETNAM)
    column = GROUPINGS[grouping]
    entries = (
        Rating.objects.filter(rated_at__gte=start, rated_at__lt=end)
        .values(column)
        .annotate(rated=Count("pk"), disliked=Count("pk", filter=disliked))
        .order_by()
    )
    return {
        entry[column]: (entry["rated"], entry["rated"] - entry["disliked"]) for entry in entries
    }


def list_public_rows(*, year: int, grouping: str) -> list[PublicRow]:
    """Every agency (`agency`) or receiving unit (`unit`) with a resolved dossier or a rating in
    `year`, best on-time rate first."""
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}")
    rates = {rate.key: rate for rate in list_public_on_time_rates(year=year, grouping=grouping)}
    ratings = _ratings(year=year, grouping=grouping)
    unnamed = [key for key in ratings if key not in rates]
    names = names_of(grouping, unnamed) if unnamed else {}
    rows = []
    for key in rates.keys() | ratings.keys():
        rate = rates.get(key)
        rated, satisfied = ratings.get(key, (0, 0))
        rows.append(
            PublicRow(
                key=key,
                name=rate.name if rate else names.get(key, "—"),
                resolved=rate.resolved if rate else 0,
                on_time=rate.on_time if rate else 0,
                rated=rated,
                satisfied=satisfied,
            )
        )
    return sorted(rows, key=lambda row: (-(row.on_time_rate or 0), row.name))
