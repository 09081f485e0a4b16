from dataclasses import dataclass

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class ResultIssued(Event):
    """A signed result was stored; `replaces_id` is set for a correction (Art. 23)."""

    result_id: int
    verification_code: str
    dossier_code: str | None
    version: int
    replaces_id: int | None


@dataclass(frozen=True, kw_only=True)
class DocumentsSigned(Event):
    """An officer signed a batch of scanned documents with a personal certificate."""

    credential_id: int
    dossier_code: str
    count: int


@dataclass(frozen=True, kw_only=True)
class CredentialRegistered(Event):
    credential_id: int
    purpose: str
