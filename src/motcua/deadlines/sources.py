"""Who holds due moments: a registry that the dossier app (and others) implement.

A source lists its open items with everything needed to recompute their due moments, and
writes a recomputed due moment back when an administrator applies a calendar change. An item
whose due moment was fixed by an extension (Decree 118/2025 Art. 19.6) is not recomputed: a
source leaves it out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from motcua.deadlines.engine import DueComputation


@dataclass(frozen=True, slots=True)
class OpenDueMoment:
    """An open item (a dossier, a step, a consultation) and how its due moment is computed."""

    key: str
    label: str
    province_code: str | None
    due_at: datetime
    computation: DueComputation


class DueMomentSource(Protocol):
    name: str

    def list_open_due_moments(self, *, province_code: str | None) -> Iterable[OpenDueMoment]:
        """Open items of the province (all provinces when None)."""

    def apply_due_moment(self, *, key: str, due_at: datetime, actor: Any) -> None:
        """Store the recomputed due moment of item `key` (called inside a transaction)."""


_sources: dict[str, DueMomentSource] = {}


def register_due_moment_source(source: DueMomentSource) -> None:
    """Register (or replace) a source under its name; call from AppConfig.ready()."""
    _sources[source.name] = source


def unregister_due_moment_source(name: str) -> None:
    _sources.pop(name, None)


def registered_sources() -> list[DueMomentSource]:
    return list(_sources.values())
