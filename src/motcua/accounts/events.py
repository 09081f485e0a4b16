"""Events the accounts services publish (delivered after the transaction commits)."""

from dataclasses import dataclass

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class StaffUserCreated(Event):
    user_id: int


@dataclass(frozen=True, kw_only=True)
class TwoFactorEnabled(Event):
    user_id: int


@dataclass(frozen=True, kw_only=True)
class ApiTokenIssued(Event):
    token_id: int
    user_id: int


@dataclass(frozen=True, kw_only=True)
class ApiTokenRevoked(Event):
    token_id: int
    user_id: int


@dataclass(frozen=True, kw_only=True)
class ApplicantRegistered(Event):
    user_id: int
    kind: str


@dataclass(frozen=True, kw_only=True)
class ContactVerified(Event):
    user_id: int
    channel: str


@dataclass(frozen=True, kw_only=True)
class IdentityLinked(Event):
    user_id: int
    provider: str


@dataclass(frozen=True, kw_only=True)
class RepresentationDeclared(Event):
    representation_id: int
    representative_id: int


@dataclass(frozen=True, kw_only=True)
class RepresentationEnded(Event):
    representation_id: int
    representative_id: int
