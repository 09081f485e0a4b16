from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Provincial department")
    VERTICAL_AGENCY = "vertical_agency", _("Vertical agency")
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
