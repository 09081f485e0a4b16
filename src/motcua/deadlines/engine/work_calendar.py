"""A compiled working calendar: per-day arrays and prefix sums of working seconds.

`cumulative[i]` is the working time from the first compiled day up to the start of day `i`, so
the working time elapsed at any moment is one array read plus at most a few periods, and the
moment at which a given working time has elapsed is one bisection. `*_batch` methods do the
same on numpy arrays of a million moments at once and give exactly the scalar results.
"""

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt

from motcua.deadlines.engine.calendar_model import CalendarSpec, DayStatus
from motcua.deadlines.engine.errors import OutOfCalendarRangeError, UnknownYearError
from motcua.deadlines.engine.timebase import (
    SECONDS_PER_DAY,
    VIETNAM_OFFSET_SECONDS,
    day_from_number,
    day_number,
    from_local_seconds,
    local_seconds,
    to_vietnam,
)

DEFAULT_FIRST_YEAR = 2000
DEFAULT_LAST_YEAR = 2100

Int64Array = npt.NDArray[np.int64]


class WorkCalendar:
    """A CalendarSpec compiled for the years `first_year`..`last_year` (inclusive)."""

    def __init__(
        self,
        spec: CalendarSpec,
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
    ) -> None:
        self.spec = spec
        self.first_year = first_year
        self.last_year = last_year
        self.first_day = day_number(date(first_year, 1, 1))
        self.day_count = day_number(date(last_year + 1, 1, 1)) - self.first_day
        working: list[bool] = []
        periods: list[tuple[tuple[int, int], ...]] = []
        for index in range(self.day_count):
            on = day_from_number(self.first_day + index)
            is_working = spec.is_working_day(on)
            working.append(is_working)
            periods.append(spec.office_hours_on(on).periods if is_working else ())
        self._working = working
        # Scalar path: per day, (start, end, worked before start) in absolute local seconds.
        self._periods: list[tuple[tuple[int, int, int], ...]] = []
        cumulative = [0]
        for index, day_periods in enumerate(periods):
            midnight = (self.first_day + index) * SECONDS_PER_DAY
            worked = 0
            entries = []
            for start, end in day_periods:
                entries.append((midnight + start, midnight + end, worked))
                worked += end - start
            self._periods.append(tuple(entries))
            cumulative.append(cumulative[-1] + worked)
        self._cumulative = cumulative
        self._compile_arrays(periods)

    def _compile_arrays(self, periods: list[tuple[tuple[int, int], ...]]) -> None:
        width = max((len(day_periods) for day_periods in periods), default=1) or 1
        starts = np.zeros((self.day_count, width), dtype=np.int64)
        ends = np.zeros((self.day_count, width), dtype=np.int64)
        worked_before = np.zeros((self.day_count, width), dtype=np.int64)
        worked_after = np.zeros((self.day_count, width), dtype=np.int64)
        for index, entries in enumerate(self._periods):
            midnight = (self.first_day + index) * SECONDS_PER_DAY
            last_end, total = midnight, 0
            for slot in range(width):
                if slot < len(entries):
                    start, end, before = entries[slot]
                    last_end, total = end, before + end - start
                    starts[index, slot], ends[index, slot] = start, end
                    worked_before[index, slot], worked_after[index, slot] = before, total
                else:
                    # Padding: an empty period at the day's last end, holding the day's total.
                    starts[index, slot] = ends[index, slot] = last_end
                    worked_before[index, slot] = worked_after[index, slot] = total
        self._starts, self._ends = starts, ends
        self._worked_before, self._worked_after = worked_before, worked_after
        self._cumulative_array = np.array(self._cumulative, dtype=np.int64)
        next_working = np.full(self.day_count + 1, -1, dtype=np.int64)
        following = -1
        for index in range(self.day_count - 1, -1, -1):
            if self._working[index]:
                following = index
            next_working[index] = following
        self._next_working = next_working

    # -- days ------------------------------------------------------------------------------

    def _index(self, day: int, shown: object) -> int:
        index = day - self.first_day
        if not 0 <= index < self.day_count:
            raise OutOfCalendarRangeError(
                value=shown, first_year=self.first_year, last_year=self.last_year
            )
        return index

    def is_working_day(self, on: date) -> bool:
        return self._working[self._index(day_number(on), on)]

    def day_status(self, on: date) -> DayStatus:
        self._index(day_number(on), on)
        return self.spec.day_status(on)

    def next_working_day(self, on: date) -> date:
        """`on` itself if it is a working day, else the next one."""
        found = int(self._next_working[self._index(day_number(on), on)])
        if found < 0:
            raise OutOfCalendarRangeError(
                value=on, first_year=self.first_year, last_year=self.last_year
            )
        return day_from_number(self.first_day + found)

    def exceptions(self, year: int) -> Iterator[DayStatus]:
        """Weekdays off and working weekly-rest days of `year`, in date order."""
        if not self.first_year <= year <= self.last_year:
            raise UnknownYearError(year=year, first_year=self.first_year, last_year=self.last_year)
        on = date(year, 1, 1)
        while on.year == year:
            rest = on.weekday() in self.spec.rest_weekdays
            if self.is_working_day(on) == rest:
                yield self.spec.day_status(on)
            on += timedelta(days=1)

    # -- working time (scalar) ---------------------------------------------------------------

    def _elapsed(self, moment: int) -> int:
        """Working seconds from the start of the compiled range until local second `moment`."""
        index = self._index(moment // SECONDS_PER_DAY, from_local_seconds(moment))
        elapsed = self._cumulative[index]
        for start, end, _before in self._periods[index]:
            if moment <= start:
                break
            elapsed += min(moment, end) - start
        return elapsed

    def _moment_at(self, target: int, shown: object) -> int:
        """The earliest local second at which `target` (> 0) working seconds have elapsed."""
        if target > self._cumulative[-1]:
            raise OutOfCalendarRangeError(
                value=shown, first_year=self.first_year, last_year=self.last_year
            )
        index = bisect_left(self._cumulative, target) - 1
        remaining = target - self._cumulative[index]
        for start, end, _before in self._periods[index]:
            if remaining <= end - start:
                return start + remaining
            remaining -= end - start
        raise AssertionError("prefix sums and periods disagree")  # pragma: no cover

    def add_working_seconds(self, start: datetime, seconds: int) -> datetime:
        """The earliest moment at which `seconds` of working time have elapsed since `start`.

        The clock starts at `start`, or at the next opening when `start` is outside office
        hours; for 0 seconds the result is that clock start.
        """
        moment = local_seconds(start)
        elapsed = self._elapsed(moment)
        if seconds == 0:
            return from_local_seconds(self._moment_at(elapsed + 1, start) - 1)
        return from_local_seconds(self._moment_at(elapsed + seconds, start))

    def clock_start(self, moment: datetime) -> datetime:
        """`moment` if it is within office hours of a working day, else the next opening."""
        return self.add_working_seconds(moment, 0)

    def working_seconds_between(self, start: datetime, end: datetime) -> int:
        """Working seconds from `start` to `end` (negative when `end` is before `start`)."""
        return self._elapsed(local_seconds(end)) - self._elapsed(local_seconds(start))

    def is_working_moment(self, moment: datetime) -> bool:
        """Within the office hours of a working day (period ends included)."""
        seconds = local_seconds(moment)
        index = self._index(seconds // SECONDS_PER_DAY, moment)
        return any(start <= seconds <= end for start, end, _ in self._periods[index])

    def add_calendar_days(self, start: datetime, days: int) -> datetime:
        """Same clock time `days` later, moved to the next working day if that day is off."""
        local = to_vietnam(start)
        target = local + timedelta(days=days)
        return self._roll_to_working_day(target)

    def add_months(self, start: datetime, months: int) -> datetime:
        """Same day of month `months` later (clamped to the month's end), then as calendar days."""
        target = shift_months(start, months)
        if not self.first_year <= target.year <= self.last_year:
            raise OutOfCalendarRangeError(
                value=target.date(), first_year=self.first_year, last_year=self.last_year
            )
        return self._roll_to_working_day(target)

    def _roll_to_working_day(self, moment: datetime) -> datetime:
        working_day = self.next_working_day(moment.date())
        return moment + timedelta(days=(working_day - moment.date()).days)

    # -- working time (batch) ----------------------------------------------------------------

    def _check_days(self, days: Int64Array) -> Int64Array:
        indexes = days - self.first_day
        if indexes.size and (indexes.min() < 0 or indexes.max() >= self.day_count):
            bad = int(days[(indexes < 0) | (indexes >= self.day_count)][0])
            raise OutOfCalendarRangeError(
                value=day_from_number(bad), first_year=self.first_year, last_year=self.last_year
            )
        return indexes

    def _elapsed_batch(self, moments: Int64Array) -> Int64Array:
        indexes = self._check_days(moments // SECONDS_PER_DAY)
        starts, ends = self._starts[indexes], self._ends[indexes]
        within = np.minimum(moments[:, None], ends) - starts
        return self._cumulative_array[indexes] + np.clip(within, 0, None).sum(axis=1)

    def _moments_at_batch(self, targets: Int64Array) -> Int64Array:
        if targets.size and targets.max() > self._cumulative[-1]:
            raise OutOfCalendarRangeError(
                value=f"a due moment after {self.last_year}",
                first_year=self.first_year,
                last_year=self.last_year,
            )
        days = np.searchsorted(self._cumulative_array, targets, side="left") - 1
        remaining = targets - self._cumulative_array[days]
        slot = (self._worked_after[days] < remaining[:, None]).sum(axis=1)
        return self._starts[days, slot] + remaining - self._worked_before[days, slot]

    def add_working_seconds_batch(self, starts: Int64Array, seconds: Int64Array) -> Int64Array:
        """`add_working_seconds` for arrays; moments are UTC epoch seconds (int64) in and out."""
        moments = np.asarray(starts, dtype=np.int64) + VIETNAM_OFFSET_SECONDS
        amounts = np.broadcast_to(np.asarray(seconds, dtype=np.int64), moments.shape)
        zero = amounts == 0
        targets = self._elapsed_batch(moments) + np.where(zero, 1, amounts)
        return self._moments_at_batch(targets) - zero - VIETNAM_OFFSET_SECONDS

    def working_seconds_between_batch(self, starts: Int64Array, ends: Int64Array) -> Int64Array:
        """`working_seconds_between` for arrays of UTC epoch seconds."""
        offset = VIETNAM_OFFSET_SECONDS
        return self._elapsed_batch(np.asarray(ends, dtype=np.int64) + offset) - self._elapsed_batch(
            np.asarray(starts, dtype=np.int64) + offset
        )

    def add_calendar_days_batch(self, starts: Int64Array, days: Int64Array) -> Int64Array:
        """`add_calendar_days` for arrays of UTC epoch seconds."""
        moments = np.asarray(starts, dtype=np.int64) + VIETNAM_OFFSET_SECONDS
        targets = moments + np.asarray(days, dtype=np.int64) * SECONDS_PER_DAY
        indexes = self._check_days(targets // SECONDS_PER_DAY)
        following = self._next_working[indexes]
        if following.size and following.min() < 0:
            raise OutOfCalendarRangeError(
                value=f"a due moment after {self.last_year}",
                first_year=self.first_year,
                last_year=self.last_year,
            )
        return targets + (following - indexes) * SECONDS_PER_DAY - VIETNAM_OFFSET_SECONDS


def shift_months(moment: datetime, months: int) -> datetime:
    """Same clock time and day of month `months` later in Vietnam, clamped to the month's end."""
    local = to_vietnam(moment)
    year, month = divmod(local.year * 12 + local.month - 1 + months, 12)
    month += 1
    if not 1 <= year <= 9998:
        raise OutOfCalendarRangeError(value=f"{year}-{month:02d}", first_year=1, last_year=9998)
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return local.replace(year=year, month=month, day=min(local.day, last_day))
