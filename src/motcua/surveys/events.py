"""Events of the surveys app, published after the rating's transaction commits."""

from dataclasses import dataclass
from datetime import datetime

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class DossierRated(Event):
    """A dossier's handling was rated (Art. 33). No comment or personal data is carried."""

    rating_id: int
    dossier_id: int
    code: str
    agency_id: int
    channel: str
    answers: dict[str, int | None]
    at: datetime
