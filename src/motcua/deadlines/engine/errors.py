"""Errors of the deadline engine: each carries a code and a message in Vietnamese and English.

Every error is a ValueError, so bad input never yields a date: the caller gets one of these.
"""

from typing import Any, ClassVar


class DeadlineError(ValueError):
    """Base class; `code` is stable (API and CLI), the messages are for people."""

    code: ClassVar[str] = "deadline_error"
    template_vi: ClassVar[str] = "Lỗi tính thời hạn."
    template_en: ClassVar[str] = "Deadline error."

    def __init__(self, **details: Any) -> None:
        self.details = details
        self.message_vi = self.template_vi.format(**details)
        self.message_en = self.template_en.format(**details)
        super().__init__(f"{self.message_vi} ({self.message_en})")

    @property
    def message(self) -> str:
        return f"{self.message_vi} ({self.message_en})"


class UnknownUnitError(DeadlineError):
    code = "unknown_unit"
    template_vi = (
        "Đơn vị thời hạn không hợp lệ: {unit!r}; dùng working_hours, working_days, "
        "calendar_days hoặc months."
    )
    template_en = (
        "Unknown duration unit {unit!r}; use working_hours, working_days, calendar_days or months."
    )


class NegativeDurationError(DeadlineError):
    code = "negative_duration"
    template_vi = "Thời hạn không được âm: {value}."
    template_en = "A duration cannot be negative: {value}."


class InvalidDurationError(DeadlineError):
    code = "invalid_duration"
    template_vi = "Thời hạn phải là số nguyên: {value!r}."
    template_en = "A duration must be a whole number: {value!r}."


class MalformedMomentError(DeadlineError):
    code = "malformed_moment"
    template_vi = "Không đọc được thời điểm {value!r}; dùng ISO 8601, ví dụ 2025-01-24T10:00."
    template_en = "Cannot read the moment {value!r}; use ISO 8601, e.g. 2025-01-24T10:00."


class MalformedDateError(DeadlineError):
    code = "malformed_date"
    template_vi = "Không đọc được ngày {value!r}; dùng YYYY-MM-DD."
    template_en = "Cannot read the date {value!r}; use YYYY-MM-DD."


class NaiveMomentError(DeadlineError):
    code = "naive_moment"
    template_vi = "Thời điểm {value} thiếu múi giờ."
    template_en = "The moment {value} has no time zone."


class OutOfCalendarRangeError(DeadlineError):
    code = "out_of_calendar_range"
    template_vi = "Thời điểm {value} nằm ngoài lịch làm việc đã lập ({first_year}–{last_year})."
    template_en = "{value} lies outside the compiled working calendar ({first_year}–{last_year})."


class MakeUpDayOnWeekdayError(DeadlineError):
    code = "make_up_day_on_weekday"
    template_vi = (
        "Ngày làm bù {on} là ngày làm việc thường ({weekday}); chỉ ngày nghỉ hằng tuần "
        "mới có thể là ngày làm bù."
    )
    template_en = (
        "The make-up working day {on} is already a working weekday ({weekday}); only a weekly "
        "rest day can be a make-up working day."
    )


class InvalidDayKindError(DeadlineError):
    code = "invalid_day_kind"
    template_vi = "Loại ngày không hợp lệ: {kind!r}; dùng off hoặc work."
    template_en = "Unknown day kind {kind!r}; use off or work."


class InvalidOfficeHoursError(DeadlineError):
    code = "invalid_office_hours"
    template_vi = "Giờ làm việc không hợp lệ: {value!r} ({reason_vi})."
    template_en = "Invalid office hours {value!r} ({reason_en})."


class UnknownSupplementPolicyError(DeadlineError):
    code = "unknown_supplement_policy"
    template_vi = "Cách tính sau bổ sung không hợp lệ: {policy!r}; dùng restart hoặc pause."
    template_en = "Unknown supplement policy {policy!r}; use restart or pause."


class SupplementOutOfOrderError(DeadlineError):
    code = "supplement_out_of_order"
    template_vi = (
        "Thứ tự thời điểm không hợp lệ: cần tiếp nhận ≤ yêu cầu bổ sung ≤ nhận bổ sung, và "
        "yêu cầu bổ sung trước thời hạn ({detail_vi})."
    )
    template_en = (
        "Moments out of order: receipt ≤ supplement request ≤ supplement received, and the "
        "request before the due moment ({detail_en})."
    )


class IncompleteSupplementError(DeadlineError):
    code = "incomplete_supplement"
    template_vi = (
        "Cần đủ ba giá trị: thời điểm yêu cầu bổ sung, thời điểm nhận bổ sung và cách tính."
    )
    template_en = (
        "A supplement needs all three: requested-at, received-at and the supplement policy."
    )


class ExtensionAlreadyGrantedError(DeadlineError):
    # Decree 118/2025 Art. 19.6: the apology and extension are allowed only once.
    code = "extension_already_granted"
    template_vi = "Hồ sơ đã được gia hạn một lần; không được gia hạn lần thứ hai."
    template_en = "The dossier was already extended once; a second extension is not allowed."


class ExtensionTooLateError(DeadlineError):
    code = "extension_too_late"
    template_vi = (
        "Phải đề nghị gia hạn chậm nhất 01 ngày làm việc trước thời hạn {due_at} "
        "(đề nghị lúc {requested_at})."
    )
    template_en = (
        "An extension must be requested at least 1 working day before the due moment {due_at} "
        "(requested at {requested_at})."
    )


class ExtensionNotLaterError(DeadlineError):
    code = "extension_not_later"
    template_vi = "Thời hạn mới {new_due_at} phải sau thời hạn hiện tại {due_at}."
    template_en = "The new due moment {new_due_at} must be after the current one {due_at}."


class ExtensionReasonMissingError(DeadlineError):
    code = "extension_reason_missing"
    template_vi = "Phải nêu lý do gia hạn."
    template_en = "An extension needs a reason."


class NotAWorkingMomentError(DeadlineError):
    code = "not_a_working_moment"
    template_vi = "Thời điểm {value} không nằm trong giờ làm việc của một ngày làm việc."
    template_en = "{value} is not within the office hours of a working day."


class InvalidStepBudgetError(DeadlineError):
    code = "invalid_step_budget"
    template_vi = "Ngân sách giờ của bước {order} không hợp lệ: {hours!r}."
    template_en = "Invalid hour budget for step {order}: {hours!r}."


class InvalidCalendarFileError(DeadlineError):
    code = "invalid_calendar_file"
    template_vi = "Tệp lịch không hợp lệ tại {path}: {reason_vi}."
    template_en = "Invalid calendar file at {path}: {reason_en}."


class UnknownYearError(DeadlineError):
    code = "unknown_year"
    template_vi = "Năm {year} nằm ngoài phạm vi lịch ({first_year}–{last_year})."
    template_en = "The year {year} is outside the calendar range ({first_year}–{last_year})."
