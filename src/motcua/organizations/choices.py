from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Provincial department")
    VERTICAL_AGENCY = "vertical_agency", _("Vertical agency")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Public service unit")
    OTHER = "other", _("Other body")


class Role(models.TextChoices):
    """Roles a staff member holds, each within an organisational scope."""

    INTAKE_OFFICER = "intake_officer", _("Intake officer")
    HANDLER = "handler", _("Handler")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    CENTRE_LEADER = "centre_leader", _("Service centre leader")
    PROVINCE_ADMIN = "province_admin", _("Province administrator")
    STEERING_MEMBER = "steering_member", _("Steering committee member")
    AUDITOR = "auditor", _("Auditor")


class RoleScope(models.TextChoices):
    """What a role assignment is attached to."""

    PROVINCE = "province", _("The whole province")
    SERVICE_CENTRE = "service_centre", _("A service centre")
    AGENCY = "agency", _("An agency or one of its departments")


# The scopes each role may be given. Intake officers and centre leaders sit at a one-stop
# centre; handlers and unit leaders belong to an agency (or a department inside it); an
# auditor inspects the whole province or one agency.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.INTAKE_OFFICER: frozenset({RoleScope.SERVICE_CENTRE}),
    Role.CENTRE_LEADER: frozenset({RoleScope.SERVICE_CENTRE}),
    Role.HANDLER: frozenset({RoleScope.AGENCY}),
    Role.UNIT_LEADER: frozenset({RoleScope.AGENCY}),
    Role.PROVINCE_ADMIN: frozenset({RoleScope.PROVINCE}),
    Role.STEERING_MEMBER: frozenset({RoleScope.PROVINCE}),
    Role.AUDITOR: frozenset({RoleScope.PROVINCE, RoleScope.AGENCY}),
}
