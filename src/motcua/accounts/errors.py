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


class NationalIdTaken(AccountError):
    code = "national_id_taken"
    message = _(
        "An account with this ID number already exists. Sign in with it, or ask the service "
        "centre for help if it is not yours."
    )


class TaxCodeTaken(AccountError):
    code = "tax_code_taken"
    message = _("A business account with this tax code already exists.")


class MissingContact(AccountError):
    code = "missing_contact"
    message = _("Give the e-mail address or the phone number the code should be sent to.")


class ContactNotVerified(AccountError):
    code = "contact_not_verified"
    message = _("This account is not verified yet. Enter the code we sent to you.")


class CodeSentTooRecently(AccountError):
    code = "code_sent_too_recently"

    def __init__(self, *, wait_seconds: int) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(
            _("A code was sent a moment ago. Wait %(seconds)d seconds before asking again.")
            % {"seconds": wait_seconds}
        )


class TooManyCodesSent(AccountError):
    code = "too_many_codes_sent"
    message = _("Too many codes were sent in the last hour. Try again later.")


class InvalidVerificationCode(AccountError):
    code = "invalid_verification_code"
    message = _("The code is not correct. Check the last code we sent and try again.")


class VerificationCodeExpired(AccountError):
    code = "verification_code_expired"
    message = _("The code has expired or was already used. Ask for a new code.")


class CodeNotDelivered(AccountError):
    code = "code_not_delivered"
    message = _("The code could not be sent. Check the address or number, or try again later.")


class LastContactRequired(AccountError):
    code = "last_contact_required"
    message = _("Keep at least one verified e-mail address or phone number on the account.")


class IdentityInUse(AccountError):
    code = "identity_in_use"
    message = _("This e-identity is already linked to another account.")


class IdentityMismatch(AccountError):
    code = "identity_mismatch"
    message = _("The e-identity belongs to a person with another ID number than this account.")


class IdentityNeedsLinking(AccountError):
    code = "identity_needs_linking"
    message = _(
        "An account with your ID number already exists. Sign in with its password, then link "
        "the e-identity on your profile page."
    )


class InvalidRepresentation(AccountError):
    code = "invalid_representation"
    message = _("The authorisation is not valid.")


class RepresentationAlreadyEnded(AccountError):
    code = "representation_already_ended"
    message = _("This authorisation has already ended.")
