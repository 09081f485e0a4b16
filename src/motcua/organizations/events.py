"""Events of the organisation app, published after the transaction commits."""

from dataclasses import dataclass

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class AdministrativeUnitsLoaded(Event):
    province_code: str
    created: int
    updated: int
    links_created: int


@dataclass(frozen=True, kw_only=True)
class OrgChartLoaded(Event):
    created: int
    updated: int


@dataclass(frozen=True, kw_only=True)
class RoleAssigned(Event):
    assignment_id: int
    user_id: int
    role: str


@dataclass(frozen=True, kw_only=True)
class RoleAssignmentEnded(Event):
    assignment_id: int
    user_id: int
    role: str
    valid_to: str
