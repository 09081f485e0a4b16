"""Refusals of the dossier services: a stable `code`, a message, facts in `details`.

Messages are English msgids translated through gettext (Vietnamese in a Vietnamese request).
`status` is the HTTP status the API answers with: 409 for a rule or state refusal, 400/404/422
for bad input. Nothing is written when a service raises one of these.
"""

from typing import Any, ClassVar

from django.utils.translation import gettext as _


class DossierError(Exception):
    code: ClassVar[str] = "dossier_error"
    status: ClassVar[int] = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class DossierNotFound(DossierError):
    """Missing and out of the officer's scope look the same."""

    code = "dossier_not_found"
    status = 404


class InvalidInput(DossierError):
    code = "invalid_input"
    status = 422


class UnknownProcedure(DossierError):
    code = "unknown_procedure"
    status = 422


class UnknownVariant(DossierError):
    code = "unknown_variant"
    status = 422


class UnknownAgency(DossierError):
    code = "unknown_agency"
    status = 422


class UnknownServiceCentre(DossierError):
    code = "unknown_service_centre"
    status = 422


class ChannelNotOffered(DossierError):
    code = "channel_not_offered"
    status = 422


class NotBoundaryFree(DossierError):
    code = "not_boundary_free"
    status = 422


class DossierIncomplete(DossierError):
    """Decree 118/2025 Art. 17.1: a mandatory document is missing; nothing is received."""

    code = "dossier_incomplete"
    status = 422


class DocumentRefused(DossierError):
    """An upload refused by its content check; the dossier and its other documents stay."""

    code = "document_refused"
    status = 422


class NotPermitted(DossierError):
    code = "not_permitted"
    status = 403


class ActNotAllowed(DossierError):
    """The act is not possible in the dossier's status; `allowed_acts` lists what is."""

    code = "act_not_allowed"
    status = 409

    def __init__(self, *, act: str, status_value: str, allowed_acts: list[str]) -> None:
        super().__init__(
            _("“%(act)s” is not allowed while the dossier is “%(status)s”.")
            % {"act": act, "status": status_value},
            act=act,
            status=status_value,
            allowed_acts=allowed_acts,
        )


class Conflict(DossierError):
    """Someone else acted on the dossier since it was read: nothing was written."""

    code = "conflict"
    status = 409

    def __init__(self) -> None:
        super().__init__(
            _("The dossier was changed by someone else meanwhile; reload it and try again.")
        )


class RuleRefused(DossierError):
    """A rule of law refuses the act (subclasses name the rule)."""

    status = 409


class SupplementAlreadyRequested(RuleRefused):
    # Decree 118/2025 Art. 11.2.c: a supplement may be requested only once.
    code = "supplement_already_requested"


class ExtensionAlreadyGranted(RuleRefused):
    # Decree 118/2025 Art. 19.6: the apology and extension happen only once.
    code = "extension_already_granted"


class ExtensionTooLate(RuleRefused):
    # Decree 118/2025 Art. 19.6: at least 1 working day before the due moment.
    code = "extension_too_late"


class ExtensionInvalid(RuleRefused):
    code = "extension_invalid"
    status = 422


class NoNextStep(RuleRefused):
    code = "no_next_step"


class NoPreviousStep(RuleRefused):
    code = "no_previous_step"


class StepNotOpen(RuleRefused):
    code = "step_not_open"


class ConsultationNotOpen(RuleRefused):
    code = "consultation_not_open"


class PaymentMismatch(RuleRefused):
    code = "payment_mismatch"
    status = 422


class ReturnDetailsMissing(RuleRefused):
    code = "return_details_missing"
    status = 422


class BulkRefused(DossierError):
    """A bulk hand-over moved nothing because some dossiers could not move;
    `details["outcomes"]` says, dossier by dossier, which and why."""

    code = "bulk_refused"
    status = 409
