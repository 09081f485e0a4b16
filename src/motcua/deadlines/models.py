"""Working calendars as data: the national default and provincial overrides.

The rows are compiled into an engine `WorkCalendar` by `queries.get_work_calendar`; every write
goes through `services` (audited) and bumps the calendar's `revision`, which invalidates the
compiled copy in every process.
"""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.core.clock import format_date
from motcua.deadlines.choices import DayKind
from motcua.organizations.models import AdministrativeUnit


class ProvinceCalendar(models.Model):
    """The calendar of a province, or the national default when `province` is empty.

    A province's days win over the national ones on the same date; its office-hour versions,
    if it has any, replace the national ones.
    """

    province = models.ForeignKey(
        AdministrativeUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendars",
        verbose_name=_("province"),
        help_text=_("Empty for the national default calendar."),
    )
    name = models.CharField(_("name"), max_length=200)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")
        constraints = [
            models.UniqueConstraint(
                Coalesce("province", models.Value(0)), name="deadlines_one_calendar_per_scope"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.province_id is None


class AnnouncedYear(models.Model):
    """The official notice of a year has been entered: its movable days (Tết placement, the
    day adjacent to National Day, compensatory days) come from the listed days only."""

    calendar = models.ForeignKey(
        ProvinceCalendar,
        on_delete=models.CASCADE,
        related_name="announced_years",
        verbose_name=_("working calendar"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    legal_reference = models.CharField(_("legal reference"), max_length=500, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("announced year")
        verbose_name_plural = _("announced years")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "year"], name="deadlines_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.calendar}"


class CalendarDay(models.Model):
    """An announced day off or make-up working day (ngày làm bù), with its legal reference."""

    calendar = models.ForeignKey(
        ProvinceCalendar,
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("working calendar"),
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind)
    reason = models.CharField(_("reason"), max_length=300)
    legal_reference = models.CharField(_("legal reference"), max_length=500, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Unchecked for a day reported but not yet confirmed by an official notice."),
    )

    class Meta:
        ordering = ["on"]
        verbose_name = _("calendar day")
        # Not the time unit "calendar days" (catalog.choices.TimeUnit), which reads differently.
        verbose_name_plural = pgettext_lazy("working calendar entries", "calendar days")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "on"], name="deadlines_day_unique")
        ]

    def __str__(self) -> str:
        return f"{format_date(self.on)} {self.get_kind_display()} {self.reason}"


class OfficeHours(models.Model):
    """Opening periods of a working day, from `effective_from` until the next version."""

    calendar = models.ForeignKey(
        ProvinceCalendar,
        on_delete=models.CASCADE,
        related_name="office_hours",
        verbose_name=_("working calendar"),
    )
    effective_from = models.DateField(_("effective from"))
    periods = models.JSONField(
        _("periods"), help_text=_('For example ["07:00-11:30", "13:30-17:00"].')
    )

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "effective_from"], name="deadlines_office_hours_unique"
            )
        ]

    def __str__(self) -> str:
        periods = self.periods if isinstance(self.periods, list) else []
        return _("%(periods)s from %(day)s") % {
            "periods": ", ".join(periods),
            "day": format_date(self.effective_from),
        }
