"""Moments as whole seconds on Vietnam's local clock (UTC+7, no daylight saving since 1975).

The engine works on integers: `local_seconds(moment)` counts seconds since 1970-01-01 00:00
local time, so `// 86400` is the local day and `% 86400` the clock time. Sub-second parts are
dropped.
"""

from datetime import UTC, date, datetime, time, timedelta, timezone

from motcua.deadlines.engine.errors import (
    MalformedDateError,
    MalformedMomentError,
    NaiveMomentError,
)

VIETNAM_OFFSET_SECONDS = 7 * 3600
VIETNAM_TIME = timezone(timedelta(seconds=VIETNAM_OFFSET_SECONDS))
SECONDS_PER_DAY = 86400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def local_seconds(moment: datetime) -> int:
    """Seconds since the local epoch; raises NaiveMomentError for a moment without zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveMomentError(value=moment.isoformat())
    return (moment - _EPOCH) // timedelta(seconds=1) + VIETNAM_OFFSET_SECONDS


def from_local_seconds(seconds: int) -> datetime:
    """The aware moment (offset +07:00) of a local-second count."""
    return _EPOCH.astimezone(VIETNAM_TIME) + timedelta(seconds=seconds - VIETNAM_OFFSET_SECONDS)


def day_number(day: date) -> int:
    """Days since 1970-01-01 (the local day index of `local_seconds // 86400`)."""
    return day.toordinal() - EPOCH_ORDINAL


def day_from_number(number: int) -> date:
    return date.fromordinal(number + EPOCH_ORDINAL)


def to_vietnam(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveMomentError(value=moment.isoformat())
    return moment.astimezone(VIETNAM_TIME)


def parse_moment(value: str) -> datetime:
    """Parse ISO 8601 text; a value without offset is Vietnam's local time.

    Raises MalformedMomentError.
    """
    if not isinstance(value, str) or not value.strip():
        raise MalformedMomentError(value=value)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise MalformedMomentError(value=value) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM_TIME)
    return moment.astimezone(VIETNAM_TIME)


def parse_date(value: str) -> date:
    """Parse YYYY-MM-DD; raises MalformedDateError."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise MalformedDateError(value=value) from None


def format_moment(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, to the second: "2025-02-05T10:00:00+07:00"."""
    return to_vietnam(moment).replace(microsecond=0).isoformat()


def parse_clock(value: str) -> int:
    """ "07:30" -> seconds after midnight; "24:00" is allowed as the end of the day."""
    text = value.strip()
    if text == "24:00":
        return SECONDS_PER_DAY
    clock = time.fromisoformat(text)
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def format_clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
