"""Refusals raised by the accounts services and queries; `code` is stable, `message` readable."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AccountError(Exception):
    code = "account_error"
    message: str | Promise = _("The account operation was refused.")

    def __init__(self, message: str | Promise | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class UsernameTaken(AccountError):
    code = "username_taken"
    message = _("This username is already in use.")


class NotStaff(AccountError):
    code = "not_staff"
    message = _("Only active staff accounts may hold API tokens.")


class AlreadyEnrolled(AccountError):
    code = "already_enrolled"
    message = _("An authenticator app is already set up for this account.")


class EnrolmentNotStarted(AccountError):
    code = "enrolment_not_started"
    message = _("Start setting up the authenticator app first.")


class InvalidOneTimeCode(AccountError):
    code = "invalid_code"
    message = _("The code is not correct or has expired. Enter the current code from the app.")


class TooManyCodeAttempts(AccountError):
    code = "too_many_attempts"
    message = _("Too many wrong codes. Wait a little and try again.")


class TokenRefused(AccountError):
    code = "token_refused"
    message = _("The access token is not valid, has expired or was revoked.")


class TokenAlreadyRevoked(AccountError):
    code = "token_already_revoked"
    message = _("This access token was already revoked.")


class InvalidTokenName(AccountError):
    code = "invalid_token_name"
    message = _("Give the token a name of at most 100 characters.")


class InvalidLifetime(AccountError):
    code = "invalid_lifetime"
    message = _("A token lives between 1 and 3650 days.")
