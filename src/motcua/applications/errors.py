"""Refusals of the application services: a stable `code` and a message (English msgid,
Vietnamese through gettext). Nothing is written when a service raises one of these."""

from typing import Any, ClassVar

from django.utils.translation import gettext as _


class ApplicationError(Exception):
    code: ClassVar[str] = "application_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class DraftNotFound(ApplicationError):
    """Missing and someone else's look the same."""

    code = "draft_not_found"

    def __init__(self) -> None:
        super().__init__(_("There is no such application draft of yours."))


class NotOnline(ApplicationError):
    code = "not_online"


class DraftSubmitted(ApplicationError):
    code = "draft_submitted"

    def __init__(self) -> None:
        super().__init__(_("This application was already submitted; it can no longer change."))


class ApplicationInvalid(ApplicationError):
    """Fields that fail validation; `errors` maps a field name to its messages."""

    code = "application_invalid"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("Some answers need correcting."), errors=errors)
        self.errors = errors


class DocumentsMissing(ApplicationError):
    code = "documents_missing"


class DocumentRefused(ApplicationError):
    """An upload refused by its content (wrong type, oversized, a PDF that is not one)."""

    code = "document_refused"


class PaymentRequired(ApplicationError):
    code = "payment_required"


class NothingToPay(ApplicationError):
    code = "nothing_to_pay"


class SubmissionRefused(ApplicationError):
    """The dossier services refused the submission (service centre, case, channel)."""

    code = "submission_refused"
