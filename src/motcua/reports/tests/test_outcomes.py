"""Form II.06a's classes of one dossier, table-driven over real calendar days (DOMAIN §4, §5).

The period is September 2025 (1–30 Sep, Vietnam's days). Times are Vietnam's (+07:00).
"""

from datetime import date, datetime

import pytest

from motcua.core.clock import VIETNAM
from motcua.reports.outcomes import (
    Classification,
    DossierTimes,
    Ended,
    InProgress,
    Received,
    Resolved,
    classify_dossier,
    effective_due_day,
)

FIRST, LAST = date(2025, 9, 1), date(2025, 9, 30)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


def dossier(
    *,
    received: str | None = "2025-09-10 09:00",
    due: str | None = "2025-09-15 17:00",
    decided: str | None = None,
    closed: str | None = None,
    status: str = "processing",
    channel: int = 2,
    supplements: int = 0,
) -> DossierTimes:
    return DossierTimes(
        channel=channel,
        status=status,
        received_at=at(received) if received else None,
        due_at=at(due) if due else None,
        decided_at=at(decided) if decided else None,
        closed_at=at(closed) if closed else None,
        supplement_requests=supplements,
    )


CASES = [
    # rule, dossier, expected classification
    (
        "online receipt in the period, still within time",
        dossier(due="2025-10-03 17:00"),
        Classification(received=Received.ONLINE, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "counter receipt counts as in person",
        dossier(channel=1, due="2025-10-03 17:00"),
        Classification(received=Received.IN_PERSON, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "postal receipt counts as postal",
        dossier(channel=3, due="2025-10-03 17:00"),
        Classification(received=Received.POSTAL, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "received before the period and open at its start is carried over",
        dossier(
            received="2025-08-28 10:00",
            due="2025-09-03 17:00",
            decided="2025-09-02 10:00",
            status="returned",
        ),
        Classification(received=Received.CARRIED_OVER, resolved=Resolved.EARLY),
    ),
    (
        "received and resolved before the period is not counted",
        dossier(
            received="2025-08-01 10:00",
            due="2025-08-06 17:00",
            decided="2025-08-31 23:59",
            status="returned",
        ),
        Classification(),
    ),
    (
        "received after the period is not counted",
        dossier(received="2025-10-01 00:00", due="2025-10-06 17:00"),
        Classification(),
    ),
    (
        "a moment late on the last day of the period is still in it (Vietnam's day)",
        dossier(received="2025-09-30 23:30", due="2025-10-06 17:00"),
        Classification(received=Received.ONLINE, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "resolved on an earlier date than the due date is early",
        dossier(decided="2025-09-12 16:00", status="result_ready"),
        Classification(received=Received.ONLINE, resolved=Resolved.EARLY),
    ),
    (
        "resolved on the due date before the due moment is on time",
        dossier(decided="2025-09-15 08:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.ON_TIME),
    ),
    (
        "resolved exactly at the due moment is on time",
        dossier(decided="2025-09-15 17:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.ON_TIME),
    ),
    (
        "resolved after the due moment is late",
        dossier(decided="2025-09-15 17:01", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.LATE),
    ),
    (
        "an extended dossier is judged against the extended due moment",
        dossier(due="2025-09-22 17:00", decided="2025-09-18 10:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.EARLY),
    ),
    (
        "one supplement request does not make a resolved dossier late",
        dossier(supplements=1, decided="2025-09-12 10:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.EARLY),
    ),
    (
        "more than one supplement request makes a resolved dossier late",
        dossier(supplements=2, decided="2025-09-12 10:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.LATE),
    ),
    (
        "more than one supplement request makes an open dossier overdue",
        dossier(supplements=2, due="2025-10-20 17:00"),
        Classification(received=Received.ONLINE, in_progress=InProgress.OVERDUE),
    ),
    (
        "open past its due moment at the period's end is overdue",
        dossier(due="2025-09-30 17:00"),
        Classification(received=Received.ONLINE, in_progress=InProgress.OVERDUE),
    ),
    (
        "due on the day after the period is still within time",
        dossier(due="2025-10-01 08:00"),
        Classification(received=Received.ONLINE, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "resolved after the period counts as in progress at its end",
        dossier(due="2025-10-01 17:00", decided="2025-10-01 09:00", status="returned"),
        Classification(received=Received.ONLINE, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "a dossier awaiting its supplement is in progress",
        dossier(due="2025-10-10 17:00", status="awaiting_supplement", supplements=1),
        Classification(received=Received.ONLINE, in_progress=InProgress.WITHIN_TIME),
    ),
    (
        "withdrawn in the period leaves without being resolved",
        dossier(closed="2025-09-11 10:00", status="withdrawn"),
        Classification(received=Received.ONLINE, ended=Ended.WITHDRAWN),
    ),
    (
        "refused after appraisal in the period leaves without being resolved",
        dossier(closed="2025-09-11 10:00", status="stopped"),
        Classification(received=Received.ONLINE, ended=Ended.REFUSED),
    ),
    (
        "never received (refused at intake) is not counted",
        dossier(received=None, due=None, closed="2025-09-11 10:00", status="refused_at_intake"),
        Classification(),
    ),
    (
        "a resolved dossier without a due moment is on time",
        dossier(due=None, decided="2025-09-20 10:00", status="returned"),
        Classification(received=Received.ONLINE, resolved=Resolved.ON_TIME),
    ),
]


@pytest.mark.parametrize(("rule", "times", "expected"), CASES, ids=[case[0] for case in CASES])
def test_classification_follows_form_ii_06a(
    rule: str, times: DossierTimes, expected: Classification
) -> None:
    # given a dossier's moments; when classified for September 2025
    result = classify_dossier(dossier=times, first_day=FIRST, last_day=LAST)
    # then it lands in the expected columns
    assert result == expected, rule


def test_more_than_one_supplement_request_makes_the_receipt_day_the_due_day() -> None:
    # given a dossier with two supplement requests and a far due moment
    times = dossier(supplements=2, due="2025-12-01 17:00")
    # when its effective due day is asked
    day = effective_due_day(dossier=times)
    # then it is the day of receipt
    assert day == date(2025, 9, 10)
