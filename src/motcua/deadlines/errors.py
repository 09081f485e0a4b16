"""Errors of the deadlines app; the engine's errors (codes, Vietnamese and English) plus the
app's own."""

from motcua.deadlines.engine.errors import *  # noqa: F403
from motcua.deadlines.engine.errors import DeadlineError


class UnknownProvinceError(DeadlineError):
    code = "unknown_province"
    template_vi = "Không có tỉnh có mã {code!r}."
    template_en = "No province has the code {code!r}."


class CalendarDayNotFoundError(DeadlineError):
    code = "calendar_day_not_found"
    template_vi = "Lịch không có mục cho ngày {on}."
    template_en = "The calendar has no entry for {on}."


class CalendarPermissionError(DeadlineError):
    code = "calendar_permission_denied"
    template_vi = "Bạn không có quyền sửa lịch làm việc."
    template_en = "You may not change working calendars."


class CalendarReasonMissingError(DeadlineError):
    code = "calendar_reason_missing"
    template_vi = "Phải nêu lý do của ngày {on}."
    template_en = "The entry for {on} needs a reason."


class DueMomentSourceMissingError(DeadlineError):
    code = "due_moment_source_missing"
    template_vi = "Không có nguồn thời hạn tên {name!r}."
    template_en = "No due-moment source is registered as {name!r}."
