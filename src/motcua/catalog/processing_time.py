"""Statutory processing times and the hour budgets of process steps.

The deadline engine turns a `ProcessingTime` into a due moment; this module only knows how many
working hours a process template may spend on it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from motcua.catalog.choices import TimeUnit

HOURS_PER_WORKING_DAY = 8
# For budgeting only: a calendar day counts as one working day and a month as 30 of them.
HOURS_PER_CALENDAR_DAY = HOURS_PER_WORKING_DAY
HOURS_PER_MONTH = 30 * HOURS_PER_WORKING_DAY

_HOURS_PER_UNIT = {
    TimeUnit.WORKING_HOURS: 1,
    TimeUnit.WORKING_DAYS: HOURS_PER_WORKING_DAY,
    TimeUnit.CALENDAR_DAYS: HOURS_PER_CALENDAR_DAY,
    TimeUnit.MONTHS: HOURS_PER_MONTH,
}


@dataclass(frozen=True, kw_only=True)
class ProcessingTime:
    """A statutory time such as 20 working days; `unit` is a `TimeUnit` value."""

    value: int
    unit: str

    def budget_hours(self) -> int:
        """The working hours a process template spends on this time (a month = 240 hours)."""
        return self.value * _HOURS_PER_UNIT[TimeUnit(self.unit)]

    def as_dict(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit}


@dataclass(frozen=True, kw_only=True)
class StepBudget:
    hours: int
    parallel_group: str = ""


def total_step_hours(steps: Iterable[StepBudget]) -> int:
    """Hours a process takes: sequential steps add up, a parallel group counts its longest step.

    Steps sharing a `parallel_group` run at the same time (consultations of other agencies,
    Decree 118/2025 Art. 19.4), so the group costs what its slowest member costs.
    """
    sequential = 0
    longest_by_group: dict[str, int] = {}
    for step in steps:
        if step.parallel_group:
            longest_by_group[step.parallel_group] = max(
                longest_by_group.get(step.parallel_group, 0), step.hours
            )
        else:
            sequential += step.hours
    return sequential + sum(longest_by_group.values())
