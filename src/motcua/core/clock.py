"""Time in the province: aware datetimes in Asia/Ho_Chi_Minh, ISO 8601 with +07:00 in APIs."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    """Return the current moment in Vietnam's time zone."""
    return timezone.now().astimezone(VIETNAM)


def today() -> date:
    return now().date()


def to_local(moment: datetime) -> datetime:
    """Return the same instant expressed in Vietnam's time zone; naive values are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every moment in motcua carries its time zone")
    return moment.astimezone(VIETNAM)


def isoformat(moment: datetime) -> str:
    """Return e.g. "2025-02-05T10:00:00+07:00"."""
    return to_local(moment).replace(microsecond=0).isoformat()


def parse_moment(value: str) -> datetime:
    """Parse an ISO 8601 moment; a value without offset is read as Vietnam's local time.

    Raises ValueError with a readable message when the text is not a moment.
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueError(f"not an ISO 8601 date-time: {value!r}") from error
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def format_date(value: date) -> str:
    """Dates in the interface: dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def format_moment(moment: datetime) -> str:
    """Moments in the interface and on forms: hh:mm dd/mm/yyyy."""
    return to_local(moment).strftime("%H:%M %d/%m/%Y")
