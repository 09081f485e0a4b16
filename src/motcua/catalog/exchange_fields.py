"""Reading typed fields out of parsed JSON, recording each fault with its path and reason.

Reasons are in Vietnamese with English in brackets, for the clerk who fixes the file.
"""

import re
import unicodedata
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from motcua.catalog.exchange_format import FormatProblem
from motcua.core.text import normalize

MAX_SHORT_TEXT = 500


def reason(vietnamese: str, english: str) -> str:
    return f"{vietnamese} ({english})"


def choices_text(values: Collection[str]) -> str:
    return ", ".join(sorted(values))


class Missing:
    """Marks an absent key, which differs from an explicit null."""


MISSING = Missing()


class FieldReader:
    """Reads typed values out of parsed JSON, recording a `FormatProblem` for each bad one."""

    def __init__(self) -> None:
        self.problems: list[FormatProblem] = []
        self.procedure_code = ""

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(
            FormatProblem(path=path, reason=reason, procedure_code=self.procedure_code)
        )

    def mapping(self, value: Any, path: str, allowed: Collection[str]) -> dict[str, Any] | None:
        """The value as an object; each key outside `allowed` is a fault."""
        if not isinstance(value, dict):
            self.fail(path, reason("phải là một đối tượng JSON", "must be a JSON object"))
            return None
        for key in value:
            if key not in allowed:
                self.fail(
                    f"{path}.{key}",
                    reason(
                        f"trường không có trong định dạng; các trường hợp lệ: "
                        f"{choices_text(allowed)}",
                        "unknown field",
                    ),
                )
        return value

    def items(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> list[Any]:
        value = data.get(key, MISSING)
        if isinstance(value, Missing) or value is None:
            if required:
                self.fail(f"{path}.{key}", reason("thiếu danh sách bắt buộc", "required list"))
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", reason("phải là một danh sách", "must be a list"))
            return []
        return value

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool,
        max_length: int = MAX_SHORT_TEXT,
        multiline: bool = False,
        pattern: re.Pattern[str] | None = None,
    ) -> str:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, Missing) or value is None:
            if required:
                self.fail(where, reason("thiếu trường bắt buộc", "required field"))
            return ""
        if not isinstance(value, str):
            self.fail(where, reason("phải là chuỗi ký tự", "must be a string"))
            return ""
        if "\x00" in value:
            self.fail(where, reason("chứa ký tự NUL", "contains a NUL character"))
            return ""
        text = tidy_multiline(value) if multiline else normalize(value)
        if required and not text:
            self.fail(where, reason("không được để trống", "must not be empty"))
        elif len(text) > max_length:
            self.fail(
                where,
                reason(f"dài quá {max_length} ký tự", f"longer than {max_length} characters"),
            )
        elif text and pattern is not None and not pattern.match(text):
            self.fail(where, reason(f"không đúng dạng: {text!r}", "malformed value"))
        return text

    def choice(self, data: dict[str, Any], key: str, path: str, *, choices: Collection[str]) -> str:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, Missing) or value is None:
            self.fail(
                where,
                reason(
                    f"thiếu trường bắt buộc; chọn một trong: {choices_text(choices)}", "required"
                ),
            )
            return ""
        if not isinstance(value, str) or value not in choices:
            self.fail(
                where,
                reason(
                    f"giá trị {value!r} không hợp lệ; chọn một trong: {choices_text(choices)}",
                    "unknown value",
                ),
            )
            return ""
        return value

    def boolean(
        self, data: dict[str, Any], key: str, path: str, *, default: bool | None = None
    ) -> bool:
        value = data.get(key, MISSING)
        if isinstance(value, Missing) and default is not None:
            return default
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", reason("phải là true hoặc false", "must be a boolean"))
            return False
        return value

    def integer(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        minimum: int,
        maximum: int,
        default: int | None = None,
    ) -> int:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, Missing) and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, reason("phải là số nguyên", "must be a whole number"))
            return minimum
        if not minimum <= value <= maximum:
            self.fail(
                where,
                reason(
                    f"phải từ {minimum} đến {maximum}, nhận được {value}",
                    f"must be between {minimum} and {maximum}",
                ),
            )
            return minimum
        return value

    def iso_date(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> date | None:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, Missing) or value is None:
            if required:
                self.fail(where, reason("thiếu ngày bắt buộc (YYYY-MM-DD)", "required date"))
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(
            where, reason(f"ngày không hợp lệ {value!r}, dùng YYYY-MM-DD", "not an ISO 8601 date")
        )
        return None

    def text_list(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        choices: Collection[str] | None = None,
        unknown_reason: Callable[[str], str] | None = None,
    ) -> list[str]:
        values: list[str] = []
        for index, item in enumerate(self.items(data, key, path, required=False)):
            where = f"{path}.{key}[{index}]"
            if not isinstance(item, str) or not normalize(item) or "\x00" in item:
                self.fail(
                    where, reason("phải là chuỗi ký tự khác rỗng", "must be a non-empty string")
                )
                continue
            text = normalize(item)
            if len(text) > MAX_SHORT_TEXT:
                self.fail(where, reason(f"dài quá {MAX_SHORT_TEXT} ký tự", "too long"))
            elif choices is not None and text not in choices:
                why = (
                    unknown_reason(text)
                    if unknown_reason
                    else reason(
                        f"giá trị {text!r} không hợp lệ; chọn một trong: {choices_text(choices)}",
                        "unknown value",
                    )
                )
                self.fail(where, why)
            elif text in values:
                self.fail(where, reason(f"{text!r} bị lặp lại", "duplicate value"))
            else:
                values.append(text)
        return values


def tidy_multiline(value: str) -> str:
    lines = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in lines.split("\n")).strip()
