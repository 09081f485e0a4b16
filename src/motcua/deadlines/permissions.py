"""Who may change working calendars."""

from typing import Any

from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment


def can_change_calendar(user: Any, *, province_code: str | None) -> bool:
    """Superusers change any calendar; a province administrator changes provincial ones."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if province_code is None:
        return False
    return RoleAssignment.objects.filter(user=user, role=Role.PROVINCE_ADMIN).exists()
