"""Refusals of the organisation app; each carries a machine-readable `code`."""

from typing import Any


class OrganizationError(Exception):
    """Base class: `code` names the refusal, the message is translated for people."""

    code = "organization_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or None


class UnknownLevel(OrganizationError):
    code = "unknown_level"


class UnknownUnit(OrganizationError):
    code = "unknown_unit"


class UnknownAgency(OrganizationError):
    code = "unknown_agency"


class InvalidOrgChart(OrganizationError):
    """A chart row names a unit, agency or parent that does not exist."""

    code = "invalid_org_chart"


class InvalidRoleScope(OrganizationError):
    """The scope given does not suit the role (see choices.ROLE_SCOPES)."""

    code = "invalid_role_scope"


class InvalidValidityPeriod(OrganizationError):
    code = "invalid_validity_period"


class NotStaff(OrganizationError):
    """Roles are given to staff accounts only."""

    code = "not_staff"


class NotAllowed(OrganizationError):
    code = "not_allowed"
