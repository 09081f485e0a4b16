"""Test data for the deadlines app: provinces and a due-moment source kept in memory."""

from dataclasses import replace
from datetime import datetime
from typing import Any

from motcua.deadlines.sources import OpenDueMoment
from motcua.organizations.models import AdministrativeLevel, AdministrativeUnit


def make_province(code: str = "56", name: str = "Tỉnh Khánh Hòa") -> AdministrativeUnit:
    level, _ = AdministrativeLevel.objects.get_or_create(
        code="province", defaults={"name": "Tỉnh", "rank": 1}
    )
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=code, defaults={"name": name, "division_type": "tỉnh", "level": level}
    )
    return unit


class MemorySource:
    """A due-moment source as the dossier app will provide one, holding items in memory."""

    name = "test_dossiers"

    def __init__(self, items: list[OpenDueMoment]) -> None:
        self.items = {item.key: item for item in items}
        self.applied: dict[str, datetime] = {}

    def list_open_due_moments(self, *, province_code: str | None) -> list[OpenDueMoment]:
        return [
            item
            for item in self.items.values()
            if province_code is None or item.province_code == province_code
        ]

    def apply_due_moment(self, *, key: str, due_at: datetime, actor: Any) -> None:
        self.items[key] = replace(self.items[key], due_at=due_at)
        self.applied[key] = due_at
