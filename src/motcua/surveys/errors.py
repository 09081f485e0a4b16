"""Refusals of the rating service: a stable `code`, a message (English msgid, translated)."""

from typing import Any, ClassVar


class RatingError(Exception):
    code: ClassVar[str] = "rating_error"
    status: ClassVar[int] = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotYetRateable(RatingError):
    """The result was not returned yet and the dossier is not closed."""

    code = "not_yet_rateable"
    status = 409


class AlreadyRated(RatingError):
    code = "already_rated"
    status = 409


class InvalidRating(RatingError):
    code = "invalid_rating"
    status = 422
