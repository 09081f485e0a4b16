"""Administration pages for working calendars; every write goes through `services` (audited).

After a change the page says how many open due moments would move and links to the review
page, where an administrator applies the recomputation or leaves the appointments as printed.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from motcua.deadlines import engine
from motcua.deadlines.engine.calendar_model import CalendarSpec
from motcua.deadlines.engine.errors import DeadlineError
from motcua.deadlines.models import AnnouncedYear, CalendarDay, OfficeHours, ProvinceCalendar
from motcua.deadlines.queries import DueMomentChange, report_due_moment_changes
from motcua.deadlines.services import (
    add_calendar_day,
    announce_year,
    apply_due_moment_recomputation,
    remove_calendar_day,
    set_office_hours,
    withdraw_year_announcement,
)


def _province_code(calendar: ProvinceCalendar) -> str | None:
    return calendar.province.code if calendar.province else None


def _report(
    request: HttpRequest, calendar: ProvinceCalendar, changes: list[DueMomentChange]
) -> None:
    if not changes:
        return
    url = reverse("admin:deadlines_provincecalendar_due_moments", args=[calendar.pk])
    messages.warning(
        request,
        _(
            "%(count)d open due moments would change with this calendar. Review them at %(url)s: "
            "apply the recomputation or leave the printed appointments as they are."
        )
        % {"count": len(changes), "url": url},
    )


class AnnouncedYearInline(admin.TabularInline):
    model = AnnouncedYear
    extra = 0
    can_delete = False
    readonly_fields = ["year", "legal_reference", "confirmed"]

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ProvinceCalendar)
class ProvinceCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "revision", "updated_at"]
    readonly_fields = ["revision", "updated_at"]
    inlines = [AnnouncedYearInline]

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:calendar_id>/due-moments/",
                self.admin_site.admin_view(self.due_moments_view),
                name="deadlines_provincecalendar_due_moments",
            ),
            *super().get_urls(),
        ]

    def due_moments_view(self, request: HttpRequest, calendar_id: int) -> HttpResponse:
        """The open due moments the calendar now moves; apply them or leave them."""
        calendar = ProvinceCalendar.objects.select_related("province").get(pk=calendar_id)
        code = _province_code(calendar)
        if request.method == "POST":
            if not self.has_change_permission(request, calendar):
                raise PermissionDenied
            if "apply" in request.POST:
                keys = request.POST.getlist("key")
                applied = apply_due_moment_recomputation(
                    actor=request.user, province=code, keys=keys or None
                )
                messages.success(request, _("%d due moments recomputed.") % len(applied))
            else:
                messages.info(request, _("The printed appointments were left as they are."))
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Due moments moved by %s") % calendar.name,
            "calendar": calendar,
            "changes": report_due_moment_changes(province=code),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/deadlines/due_moment_changes.html", context)


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["calendar", "on", "kind", "reason", "legal_reference", "confirmed"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("on") and data.get("kind") and data.get("reason"):
            try:
                entry = engine.CalendarDay(data["on"], data["kind"], data["reason"])
                CalendarSpec(days=(entry,))
            except DeadlineError as error:
                raise ValidationError(error.message) from None
        return data


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    form = CalendarDayForm
    list_display = ["on", "kind", "reason", "confirmed", "calendar"]
    list_filter = ["calendar", "kind", "confirmed"]
    search_fields = ["reason", "legal_reference"]
    date_hierarchy = "on"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        if change and {"on", "calendar"} & set(form.changed_data):
            old = CalendarDay.objects.select_related("calendar__province").get(pk=obj.pk)
            remove_calendar_day(
                actor=request.user, on=old.on, province=_province_code(old.calendar)
            )
        result = add_calendar_day(
            actor=request.user,
            on=obj.on,
            kind=obj.kind,
            reason=obj.reason,
            legal_reference=obj.legal_reference,
            confirmed=obj.confirmed,
            province=_province_code(obj.calendar),
        )
        assert result.day is not None
        obj.pk = result.day.pk
        _report(request, result.calendar, result.changes)

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        result = remove_calendar_day(
            actor=request.user, on=obj.on, province=_province_code(obj.calendar)
        )
        _report(request, result.calendar, result.changes)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in queryset.select_related("calendar__province"):
            self.delete_model(request, day)


class OfficeHoursForm(forms.ModelForm):
    periods_text = forms.CharField(
        label=_("periods"), help_text=_("Comma-separated, e.g. 07:00-11:30, 13:30-17:00")
    )

    class Meta:
        model = OfficeHours
        fields = ["calendar", "effective_from"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["periods_text"].initial = ", ".join(self.instance.periods)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        periods = [part.strip() for part in data.get("periods_text", "").split(",") if part.strip()]
        if data.get("effective_from"):
            try:
                engine.OfficeHours.parse(data["effective_from"], periods)
            except DeadlineError as error:
                raise ValidationError(error.message) from None
        data["periods"] = periods
        return data


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    form = OfficeHoursForm
    list_display = ["calendar", "effective_from", "__str__"]
    list_filter = ["calendar"]

    def save_model(self, request: HttpRequest, obj: OfficeHours, form: Any, change: bool) -> None:
        result = set_office_hours(
            actor=request.user,
            effective_from=obj.effective_from,
            periods=form.cleaned_data["periods"],
            province=_province_code(obj.calendar),
        )
        saved = OfficeHours.objects.get(calendar=result.calendar, effective_from=obj.effective_from)
        obj.pk, obj.periods = saved.pk, saved.periods
        _report(request, result.calendar, result.changes)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # A version is replaced by a later one, never removed: due moments computed under it
        # must stay explainable.
        return False


@admin.register(AnnouncedYear)
class AnnouncedYearAdmin(admin.ModelAdmin):
    list_display = ["year", "calendar", "legal_reference", "confirmed"]
    list_filter = ["calendar", "confirmed"]

    def save_model(self, request: HttpRequest, obj: AnnouncedYear, form: Any, change: bool) -> None:
        result = announce_year(
            actor=request.user,
            year=obj.year,
            legal_reference=obj.legal_reference,
            confirmed=obj.confirmed,
            province=_province_code(obj.calendar),
        )
        obj.pk = AnnouncedYear.objects.get(calendar=result.calendar, year=obj.year).pk
        _report(request, result.calendar, result.changes)

    def delete_model(self, request: HttpRequest, obj: AnnouncedYear) -> None:
        result = withdraw_year_announcement(
            actor=request.user, year=obj.year, province=_province_code(obj.calendar)
        )
        _report(request, result.calendar, result.changes)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AnnouncedYear]) -> None:
        for row in queryset.select_related("calendar__province"):
            self.delete_model(request, row)
