"""Refusals of the results app: a machine code and a message in Vietnamese and in English."""

from typing import Any

from django.utils import translation

from motcua.core.uploads import UploadRefused


class ResultRefused(Exception):
    """A result, draft, credential or signature that is refused; nothing was written."""

    status = 400

    def __init__(
        self, code: str, *, message_vi: str, message_en: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.details = details or {}

    @property
    def message(self) -> str:
        """The message in the active language: Vietnamese, or English for any other language."""
        language = translation.get_language() or "vi"
        return self.message_vi if language.startswith("vi") else self.message_en

    @classmethod
    def from_upload(cls, error: UploadRefused) -> "ResultRefused":
        """The same refusal of a file, as the results app reports it."""
        return cls(error.code, message_vi=error.message_vi, message_en=error.message_en)


class WrongPassphrase(ResultRefused):
    def __init__(self) -> None:
        super().__init__(
            "wrong_passphrase",
            message_vi="Mật khẩu của khóa ký không đúng. Chưa có gì được ký.",
            message_en="The signing key's passphrase is wrong. Nothing was signed.",
        )


class CredentialExpired(ResultRefused):
    def __init__(self, *, not_after: str) -> None:
        super().__init__(
            "certificate_expired",
            message_vi=(
                f"Chứng thư số đã hết hạn hoặc chưa có hiệu lực (hết hạn {not_after}). "
                "Chưa có gì được ký."
            ),
            message_en=(
                f"The certificate has expired or is not yet valid (valid until {not_after}). "
                "Nothing was signed."
            ),
            details={"not_after": not_after},
        )


class CredentialNotUsable(ResultRefused):
    status = 403


class UnreadableKey(ResultRefused):
    def __init__(self, *, key_format: str) -> None:
        super().__init__(
            "unreadable_key",
            message_vi="Không đọc được tệp khóa ký: tệp hỏng hoặc sai định dạng.",
            message_en="The signing key file cannot be read: it is damaged or of the wrong kind.",
            details={"key_format": key_format},
        )


class SigningUnavailable(ResultRefused):
    status = 503


class ResultNotFound(ResultRefused):
    status = 404

    def __init__(self) -> None:
        super().__init__(
            "result_not_found",
            message_vi="Không tìm thấy kết quả với mã này.",
            message_en="No result bears this code.",
        )
