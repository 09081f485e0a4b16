"""Working-time arithmetic in plain Python (no Django): calendars, due moments, classes.

Build a `CalendarSpec` (rules, official overlay, office hours), compile it into a
`WorkCalendar`, then ask `due_at`, `working_time_between`, `extend`, `step_due_moments`,
`classify_finished` or `classify_in_progress`.
"""

from motcua.deadlines.engine.arithmetic import (
    DueComputation,
    Extension,
    StepBudget,
    Supplement,
    SupplementPolicy,
    add_duration,
    compute_due,
    due_at,
    extend,
    parse_supplement_policy,
    step_due_moments,
    working_time_between,
)
from motcua.deadlines.engine.calendar_model import (
    CalendarDay,
    CalendarSpec,
    DayKind,
    DayStatus,
    OfficeHours,
)
from motcua.deadlines.engine.classification import (
    FinishedClass,
    ProgressClass,
    classify_finished,
    classify_in_progress,
)
from motcua.deadlines.engine.durations import Duration, Unit
from motcua.deadlines.engine.errors import DeadlineError
from motcua.deadlines.engine.timebase import format_moment, parse_date, parse_moment
from motcua.deadlines.engine.work_calendar import WorkCalendar

__all__ = [
    "CalendarDay",
    "CalendarSpec",
    "DayKind",
    "DayStatus",
    "DeadlineError",
    "DueComputation",
    "Duration",
    "Extension",
    "FinishedClass",
    "OfficeHours",
    "ProgressClass",
    "StepBudget",
    "Supplement",
    "SupplementPolicy",
    "Unit",
    "WorkCalendar",
    "add_duration",
    "classify_finished",
    "classify_in_progress",
    "compute_due",
    "due_at",
    "extend",
    "format_moment",
    "parse_date",
    "parse_moment",
    "parse_supplement_policy",
    "step_due_moments",
    "working_time_between",
]
