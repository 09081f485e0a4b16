import pytest

from motcua.catalog.processing_time import ProcessingTime, StepBudget, total_step_hours


@pytest.mark.parametrize(
    ("value", "unit", "hours"),
    [
        (8, "working_hours", 8),
        (3, "working_days", 24),
        (20, "working_days", 160),
        (15, "calendar_days", 120),
        (1, "months", 240),
        (2, "months", 480),
    ],
)
def test_budget_hours_count_a_day_as_eight_hours_and_a_month_as_thirty_days(
    value: int, unit: str, hours: int
) -> None:
    assert ProcessingTime(value=value, unit=unit).budget_hours() == hours


def test_sequential_steps_add_up() -> None:
    # given three steps one after the other
    steps = [StepBudget(hours=4), StepBudget(hours=100), StepBudget(hours=12)]
    # when the process is measured / then every step counts
    assert total_step_hours(steps) == 116


def test_parallel_group_counts_once_with_its_longest_step() -> None:
    # given two consultations running at the same time between two sequential steps
    steps = [
        StepBudget(hours=4),
        StepBudget(hours=40, parallel_group="consult"),
        StepBudget(hours=24, parallel_group="consult"),
        StepBudget(hours=12),
    ]
    # when the process is measured / then the group costs its slowest consultation
    assert total_step_hours(steps) == 4 + 40 + 12


def test_each_parallel_group_counts_separately() -> None:
    steps = [
        StepBudget(hours=10, parallel_group="a"),
        StepBudget(hours=6, parallel_group="a"),
        StepBudget(hours=3, parallel_group="b"),
        StepBudget(hours=5, parallel_group="b"),
    ]
    assert total_step_hours(steps) == 10 + 5
