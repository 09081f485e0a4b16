"""Events of the deadlines app (delivered after commit by motcua.core.events)."""

from dataclasses import dataclass
from datetime import date

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class CalendarChanged(Event):
    """A working calendar changed; open due moments may need recomputation."""

    calendar_id: int
    province_code: str | None
    change: str  # day_added, day_removed, office_hours_set, year_announced, imported
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class DueMomentsRecomputed(Event):
    """An administrator applied recomputed due moments to open dossiers."""

    calendar_id: int
    keys: tuple[str, ...]
