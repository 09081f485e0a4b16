"""Supplements (Decree 118/2025 Art. 19.5), extensions (Art. 19.6) and step budgets."""

from datetime import timedelta

import pytest

from motcua.deadlines.engine import (
    Duration,
    Extension,
    StepBudget,
    Supplement,
    due_at,
    extend,
    format_moment,
    parse_moment,
    step_due_moments,
    working_time_between,
)
from motcua.deadlines.engine.errors import (
    ExtensionAlreadyGrantedError,
    ExtensionNotLaterError,
    ExtensionReasonMissingError,
    ExtensionTooLateError,
    InvalidStepBudgetError,
    NotAWorkingMomentError,
    SupplementOutOfOrderError,
    UnknownSupplementPolicyError,
)
from motcua.deadlines.tests.calendars import official_calendar

# (received, duration, requested, supplement received, policy, expected due, case)
SUPPLEMENT_CASES = [
    (
        "2025-03-03T10:00",
        (5, "working_days"),
        "2025-03-04T10:00",
        "2025-03-10T14:00",
        "restart",
        "2025-03-17T14:00",
        "restart: the full 5 days again",
    ),
    (
        "2025-03-03T10:00",
        (5, "working_days"),
        "2025-03-04T10:00",
        "2025-03-10T14:00",
        "pause",
        "2025-03-14T14:00",
        "pause: 4 days left",
    ),
    (
        "2026-02-09T10:00",
        (5, "working_days"),
        "2026-02-11T10:00",
        "2026-02-13T15:00",
        "pause",
        "2026-02-25T15:00",
        "pause across Tết 2026",
    ),
    (
        "2026-02-09T10:00",
        (5, "working_days"),
        "2026-02-11T10:00",
        "2026-02-13T15:00",
        "restart",
        "2026-02-27T15:00",
        "restart across Tết 2026",
    ),
    (
        "2025-03-03T10:00",
        (5, "working_days"),
        "2025-03-04T10:00",
        "2025-03-08T10:00",
        "pause",
        "2025-03-13T17:00",
        "supplement on Saturday: clock resumes Monday 07:00",
    ),
    (
        "2025-03-03T10:00",
        (10, "calendar_days"),
        "2025-03-04T10:00",
        "2025-03-06T10:00",
        "pause",
        "2025-03-17T10:00",
        "calendar days: shifted by the 2 paused days, Sat -> Mon",
    ),
    (
        "2025-03-03T10:00",
        (10, "calendar_days"),
        "2025-03-04T10:00",
        "2025-03-06T10:00",
        "restart",
        "2025-03-17T10:00",
        "calendar days restart: 16 Mar is Sunday -> Monday",
    ),
]


@pytest.mark.parametrize(
    ("received", "duration", "requested", "supplied", "policy", "expected", "case"),
    SUPPLEMENT_CASES,
    ids=[case[-1] for case in SUPPLEMENT_CASES],
)
def test_due_moment_after_a_supplement(
    received: str,
    duration: tuple[int, str],
    requested: str,
    supplied: str,
    policy: str,
    expected: str,
    case: str,
) -> None:
    # given
    supplement = Supplement(parse_moment(requested), parse_moment(supplied), policy)  # type: ignore[arg-type]
    # when
    due = due_at(
        official_calendar(),
        received_at=parse_moment(received),
        duration=Duration(*duration),  # type: ignore[arg-type]
        supplement=supplement,
    )
    # then
    assert format_moment(due) == parse_moment(expected).isoformat()


def test_supplement_requested_before_receipt_is_refused() -> None:
    supplement = Supplement(
        parse_moment("2025-03-02T10:00"),
        parse_moment("2025-03-05T10:00"),
        "pause",  # type: ignore[arg-type]
    )
    with pytest.raises(SupplementOutOfOrderError):
        due_at(
            official_calendar(),
            received_at=parse_moment("2025-03-03T10:00"),
            duration=Duration(5, "working_days"),  # type: ignore[arg-type]
            supplement=supplement,
        )


def test_supplement_received_before_it_was_requested_is_refused() -> None:
    supplement = Supplement(
        parse_moment("2025-03-05T10:00"),
        parse_moment("2025-03-04T10:00"),
        "restart",  # type: ignore[arg-type]
    )
    with pytest.raises(SupplementOutOfOrderError):
        due_at(
            official_calendar(),
            received_at=parse_moment("2025-03-03T10:00"),
            duration=Duration(5, "working_days"),  # type: ignore[arg-type]
            supplement=supplement,
        )


def test_supplement_requested_after_the_due_moment_is_refused() -> None:
    supplement = Supplement(
        parse_moment("2025-03-20T10:00"),
        parse_moment("2025-03-21T10:00"),
        "pause",  # type: ignore[arg-type]
    )
    with pytest.raises(SupplementOutOfOrderError):
        due_at(
            official_calendar(),
            received_at=parse_moment("2025-03-03T10:00"),
            duration=Duration(1, "working_days"),  # type: ignore[arg-type]
            supplement=supplement,
        )


def test_unknown_supplement_policy_is_refused() -> None:
    with pytest.raises(UnknownSupplementPolicyError):
        Supplement(parse_moment("2025-03-04T10:00"), parse_moment("2025-03-05T10:00"), "freeze")  # type: ignore[arg-type]


def test_working_time_between_skips_tet_and_nights() -> None:
    between = working_time_between(
        official_calendar(), parse_moment("2025-01-24T10:00"), parse_moment("2025-02-05T10:00")
    )
    assert between == timedelta(hours=24)


def test_working_time_between_is_negative_backwards() -> None:
    between = working_time_between(
        official_calendar(), parse_moment("2025-03-04T10:00"), parse_moment("2025-03-03T10:00")
    )
    assert between == timedelta(hours=-8)


# -- extension (Decree 118/2025 Art. 19.6) ---------------------------------------------------

DUE = "2025-03-10T17:00"


def request_extension(
    *, new_due: str, requested: str, reason: str = "Chờ ý kiến cơ quan thuế", so_far: int = 0
) -> Extension:
    return extend(
        official_calendar(),
        due_at=parse_moment(DUE),
        new_due_at=parse_moment(new_due),
        requested_at=parse_moment(requested),
        reason=reason,
        extensions_so_far=so_far,
    )


def test_extension_requested_a_working_day_ahead_is_granted() -> None:
    # when: Friday 10:00 for a due moment on Monday 17:00 (13 working hours ahead)
    extension = request_extension(
        new_due="2025-03-14T17:00", requested="2025-03-07T10:00", reason="  Chờ ý kiến "
    )
    # then
    assert format_moment(extension.new_due_at) == "2025-03-14T17:00:00+07:00"
    assert extension.reason == "Chờ ý kiến"


def test_extension_exactly_one_working_day_ahead_is_granted() -> None:
    extension = request_extension(new_due="2025-03-12T10:00", requested="2025-03-07T17:00")
    assert extension.previous_due_at == parse_moment(DUE)


@pytest.mark.parametrize(
    ("new_due", "requested", "reason", "so_far", "error"),
    [
        ("2025-03-14T17:00", "2025-03-10T09:00", "Chậm", 0, ExtensionTooLateError),
        ("2025-03-14T17:00", "2025-03-03T10:00", "Lần hai", 1, ExtensionAlreadyGrantedError),
        ("2025-03-10T10:00", "2025-03-03T10:00", "Sớm hơn", 0, ExtensionNotLaterError),
        ("2025-03-16T10:00", "2025-03-03T10:00", "Chủ nhật", 0, NotAWorkingMomentError),
        ("2025-03-14T10:00", "2025-03-03T10:00", "  ", 0, ExtensionReasonMissingError),
    ],
    ids=["less than a working day ahead", "second extension", "earlier", "sunday", "no reason"],
)
def test_extension_is_refused(
    new_due: str, requested: str, reason: str, so_far: int, error: type[Exception]
) -> None:
    with pytest.raises(error):
        request_extension(new_due=new_due, requested=requested, reason=reason, so_far=so_far)


# -- process steps ---------------------------------------------------------------------------


def test_step_due_moments_run_in_order_and_parallel_groups_together() -> None:
    # given
    steps = [
        StepBudget(1, 4),
        StepBudget(2, 8),
        StepBudget(3, 16, "consult"),
        StepBudget(4, 8, "consult"),
        StepBudget(5, 4),
    ]
    # when
    moments = step_due_moments(
        official_calendar(), start_at=parse_moment("2025-03-03T07:00"), steps=steps
    )
    # then
    assert {order: format_moment(moment)[:16] for order, moment in moments.items()} == {
        1: "2025-03-03T11:00",
        2: "2025-03-04T11:00",
        3: "2025-03-06T11:00",
        4: "2025-03-05T11:00",
        5: "2025-03-06T17:00",
    }


def test_step_budgets_across_tet_2026() -> None:
    moments = step_due_moments(
        official_calendar(),
        start_at=parse_moment("2026-02-13T13:30"),
        steps=[StepBudget(1, 8), StepBudget(2, 4)],
    )
    assert format_moment(moments[1]) == "2026-02-23T11:30:00+07:00"
    assert format_moment(moments[2]) == "2026-02-24T07:30:00+07:00"


def test_step_budget_of_zero_hours_is_refused() -> None:
    with pytest.raises(InvalidStepBudgetError):
        step_due_moments(
            official_calendar(),
            start_at=parse_moment("2025-03-03T07:00"),
            steps=[StepBudget(1, 0)],
        )
