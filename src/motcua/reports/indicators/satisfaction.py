"""Indicator 5.4: satisfaction with the handling of dossiers (Decision 766/QĐ-TTg, group 5,
full marks at 90%)."""

from django.utils.translation import gettext as _

from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.on_time import count_in_time, dossiers_to_settle
from motcua.reports.indicators.ratings import RatingSource, SurveysRatings, count_dissatisfied
from motcua.reports.indicators.scope import Scope

CODE = "5.4"


def satisfaction(*, scope: Scope, ratings: RatingSource | None = None) -> Terms:
    """Decision 766/QĐ-TTg indicator 5.4: 100% − (overdue rate + rate of dossiers rated
    dissatisfied or very dissatisfied), both over the dossiers to be settled in the period (the
    population of indicator 2.1; overdue = not in time there).

    The two rates are added as the formula says (a dossier both late and disliked counts
    twice); the numerator is the denominator less both counts, never below zero. Complaints
    will join the dissatisfied count when the feedback module links them to dossiers. Without
    ratings in the system the dissatisfied count is 0 and the note says so.
    """
    in_time, total = count_in_time(scope)
    dissatisfied = count_dissatisfied(
        dossiers=dossiers_to_settle(scope), source=ratings or SurveysRatings()
    )
    note = ""
    if dissatisfied is None:
        dissatisfied = 0
        note = _("No ratings are held yet: only the overdue rate is counted.")
    overdue = total - in_time
    return Terms(numerator=max(total - overdue - dissatisfied, 0), denominator=total, note=note)
