"""On-time classes: early / on_time / late, within_time / approaching / overdue."""

import pytest

from motcua.deadlines.engine import (
    Duration,
    classify_finished,
    classify_in_progress,
    parse_moment,
)
from motcua.deadlines.tests.calendars import official_calendar


@pytest.mark.parametrize(
    ("due", "finished", "expected"),
    [
        ("2025-03-10T17:00", "2025-03-07T16:00", "early"),
        ("2025-03-10T17:00", "2025-03-10T08:00", "on_time"),
        ("2025-03-10T17:00", "2025-03-10T17:00", "on_time"),
        ("2025-03-10T17:00", "2025-03-10T17:01", "late"),
        ("2025-03-10T17:00", "2025-03-11T08:00", "late"),
        ("2025-03-10T10:00", "2025-03-10T08:00", "on_time"),
        ("2025-03-10T10:00", "2025-03-10T09:59:59+07:00", "on_time"),
        ("2025-03-10T07:30", "2025-03-09T23:59", "early"),
        ("2025-03-10T10:00", "2025-03-09T18:00:00+00:00", "on_time"),
    ],
)
def test_finished_dossier_class(due: str, finished: str, expected: str) -> None:
    found = classify_finished(due_at=parse_moment(due), finished_at=parse_moment(finished))
    assert found == expected


@pytest.mark.parametrize(
    ("due", "at", "expected"),
    [
        ("2025-03-10T17:00", "2025-03-06T10:00", "within_time"),
        ("2025-03-10T17:00", "2025-03-07T16:59", "within_time"),
        ("2025-03-10T17:00", "2025-03-07T17:00", "approaching"),
        ("2025-03-10T17:00", "2025-03-10T17:00", "approaching"),
        ("2025-03-10T17:00", "2025-03-10T17:00:01+07:00", "overdue"),
        ("2025-02-03T10:00", "2025-01-24T10:00", "approaching"),
        ("2025-02-03T10:00", "2025-01-24T09:59", "within_time"),
    ],
)
def test_dossier_in_progress_class(due: str, at: str, expected: str) -> None:
    found = classify_in_progress(official_calendar(), due_at=parse_moment(due), at=parse_moment(at))
    assert found == expected


def test_approaching_threshold_is_configurable() -> None:
    found = classify_in_progress(
        official_calendar(),
        due_at=parse_moment("2025-03-10T17:00"),
        at=parse_moment("2025-03-06T10:00"),
        approaching_within=Duration(3, "working_days"),  # type: ignore[arg-type]
    )
    assert found == "approaching"
