"""Data: the national default calendar with the official civil-service calendars 2025-2026.

It reads the shipped file with the historical models (no application code), so later code
changes do not alter it; later corrections of the file reach installed databases through
`motcua calendar import`. Reversing removes exactly the rows of the file.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "official_calendars.json"
NATIONAL_CALENDAR_NAME = "Lịch làm việc mặc định toàn quốc"


def load(apps, schema_editor):
    ProvinceCalendar = apps.get_model("deadlines", "ProvinceCalendar")
    AnnouncedYear = apps.get_model("deadlines", "AnnouncedYear")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    OfficeHours = apps.get_model("deadlines", "OfficeHours")
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    calendar, _ = ProvinceCalendar.objects.get_or_create(
        province=None, defaults={"name": NATIONAL_CALENDAR_NAME}
    )
    for year in document["announced_years"]:
        AnnouncedYear.objects.get_or_create(
            calendar=calendar,
            year=year["year"],
            defaults={
                "legal_reference": year.get("legal_reference", ""),
                "confirmed": year.get("confirmed", True),
            },
        )
    for day in document["days"]:
        CalendarDay.objects.get_or_create(
            calendar=calendar,
            on=day["date"],
            defaults={
                "kind": day["kind"],
                "reason": day["reason"],
                "legal_reference": day.get("legal_reference", ""),
                "confirmed": day.get("confirmed", True),
            },
        )
    for hours in document["office_hours"]:
        OfficeHours.objects.get_or_create(
            calendar=calendar,
            effective_from=hours["effective_from"],
            defaults={"periods": hours["periods"]},
        )
    calendar.revision += 1
    calendar.save(update_fields=["revision"])


def unload(apps, schema_editor):
    ProvinceCalendar = apps.get_model("deadlines", "ProvinceCalendar")
    document = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    calendar = ProvinceCalendar.objects.filter(province=None).first()
    if calendar is None:
        return
    calendar.days.filter(on__in=[day["date"] for day in document["days"]]).delete()
    calendar.announced_years.filter(
        year__in=[year["year"] for year in document["announced_years"]]
    ).delete()
    calendar.office_hours.filter(
        effective_from__in=[hours["effective_from"] for hours in document["office_hours"]]
    ).delete()
    calendar.revision += 1
    calendar.save(update_fields=["revision"])


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_calendars")]

    operations = [migrations.RunPython(load, unload)]
