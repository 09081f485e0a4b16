"""The registered metadata of a result (Decree 118/2025 Art. 19.2) and the Art. 22 code."""

import re
from dataclasses import dataclass
from datetime import date

from motcua.core.text import normalize
from motcua.results.errors import ResultRefused

# A person's 12-digit ID number (CCCD), or an organisation's 10-digit tax code, with its
# 3-digit branch suffix where it has one.
_HOLDER_ID = re.compile(r"^(\d{12}|\d{10}(-\d{3})?)$")
_TYPE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")


@dataclass(frozen=True, kw_only=True)
class ResultMetadata:
    """What the store registers besides the file: name, summary, validity period and scope."""

    title: str
    summary: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    validity_scope: str = ""

    def cleaned(self) -> "ResultMetadata":
        """The same metadata in NFC with spaces collapsed. Raises ResultRefused."""
        title = normalize(self.title)
        if not title or len(title) > 300:
            raise ResultRefused(
                "invalid_title",
                message_vi="Tên kết quả không được để trống và không dài quá 300 ký tự.",
                message_en="The result's name must not be empty or longer than 300 characters.",
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ResultRefused(
                "invalid_validity_period",
                message_vi="Ngày hết hiệu lực không được trước ngày có hiệu lực.",
                message_en="The result cannot cease to be valid before it becomes valid.",
            )
        return ResultMetadata(
            title=title,
            summary=normalize(self.summary),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            validity_scope=normalize(self.validity_scope)[:300],
        )


def checked_holder_id_number(value: str) -> str:
    """The holder's ID number or tax code, checked. Raises ResultRefused."""
    cleaned = value.strip()
    if not _HOLDER_ID.match(cleaned):
        raise ResultRefused(
            "invalid_id_number",
            message_vi=(
                "Mã định danh không hợp lệ: số định danh cá nhân có 12 chữ số, mã số thuế "
                "của tổ chức có 10 chữ số (có thể kèm -XXX)."
            ),
            message_en=(
                "The identification number is not valid: a personal ID number has 12 digits, "
                "an organisation's tax code 10 digits (optionally followed by -XXX)."
            ),
        )
    return cleaned


def checked_result_type_code(value: str) -> str:
    """The result type code, checked. Raises ResultRefused."""
    cleaned = value.strip()
    if not _TYPE_CODE.match(cleaned):
        raise ResultRefused(
            "invalid_result_type_code",
            message_vi="Mã loại kết quả chỉ gồm chữ, số, dấu chấm, gạch nối (tối đa 50 ký tự).",
            message_en=(
                "A result type code holds letters, digits, dots and hyphens only "
                "(50 characters at most)."
            ),
        )
    return cleaned


def e_result_code(*, holder_id_number: str, result_type_code: str) -> str:
    """The e-result code: holder's ID number and result type code (Decree 118/2025 Art. 22)."""
    return f"{holder_id_number}.{result_type_code}"


def masked_id_number(value: str) -> str:
    """An ID number as the public may see it: every character but the last three hidden."""
    if len(value) <= 3:
        return "*" * len(value)
    return "*" * (len(value) - 3) + value[-3:]
