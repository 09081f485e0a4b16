"""Dossier statuses, channels and sub-stages; statuses map 1:1 onto the national status codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    """The lifecycle's states. `national_code` gives the national portal's status code."""

    SUBMITTED = "submitted", _("Submitted online")
    RECEIVED = "received", _("Received")
    REFUSED_AT_INTAKE = "refused_at_intake", _("Refused at intake")
    PROCESSING = "processing", _("Processing")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    STOPPED = "stopped", _("Processing stopped")
    RESULT_READY = "result_ready", _("Result ready")
    RETURNED = "returned", _("Result returned")

    @property
    def national_code(self) -> int:
        return NATIONAL_STATUS_CODES[self]


# The national portal's status codes (DOMAIN §2); one code per status, one status per code.
NATIONAL_STATUS_CODES: dict[str, int] = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RECEIVED: 2,
    DossierStatus.REFUSED_AT_INTAKE: 3,
    DossierStatus.PROCESSING: 4,
    DossierStatus.AWAITING_SUPPLEMENT: 5,
    DossierStatus.AWAITING_PAYMENT: 6,
    DossierStatus.WITHDRAWN: 7,
    DossierStatus.STOPPED: 8,
    DossierStatus.RESULT_READY: 9,
    DossierStatus.RETURNED: 10,
}

FINAL_STATUSES = frozenset(
    {
        DossierStatus.REFUSED_AT_INTAKE,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RETURNED,
    }
)


class Channel(models.IntegerChoices):
    """How the dossier reached the province (Decree 118/2025 Art. 15)."""

    COUNTER = 1, _("At the counter")
    ONLINE = 2, _("Online")
    POSTAL = 3, _("By post")


class Stage(models.TextChoices):
    """Internal sub-stages inside a national status (not sent to the national portal)."""

    NONE = "", _("—")
    IN_STEP = "in_step", _("In a processing step")
    IN_CONSULTATION = "in_consultation", _("In consultation")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting signature")
    AWAITING_RETURN = "awaiting_return", _("Awaiting return")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    POSTAL = "postal", _("By post")
    ONLINE = "online", _("Online")


class TimeClass(models.TextChoices):
    """On-time classes used on control slips and in reports (DOMAIN §4)."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


# Where each channel comes from in the catalog's vocabulary (`catalog.choices.Channel`).
CATALOG_CHANNEL = {Channel.COUNTER: "counter", Channel.ONLINE: "online", Channel.POSTAL: "postal"}


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")
    ORGANIZATION = "organization", _("Organisation")


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Done")
    RETURNED = "returned", _("Sent back")


class HandoverKind(models.TextChoices):
    """Why the dossier changed hands (a row of the processing control slip, form 06)."""

    STEP = "step", _("Next step")
    TRANSFER = "transfer", _("Inter-agency transfer")
    RETURN = "return", _("Returned to the previous step")
    RECALL = "recall", _("Recalled")
    REASSIGNMENT = "reassignment", _("Reassigned")
    POSTAL = "postal", _("Handed over by the public postal service")


class PaymentMethod(models.TextChoices):
    """Decree 118/2025 Art. 24: cash, bank transfer, or online payment."""

    CASH = "cash", _("Cash")
    TRANSFER = "transfer", _("Bank transfer")
    ONLINE = "online", _("Online payment")


class FlagCode(models.TextChoices):
    """Breaches of a time rule that the law lets through but that must be recorded."""

    # Decree 118/2025 Art. 17.2: accept or return an online dossier within 8 working hours.
    INTAKE_LATE = "intake_late", _("Online dossier not handled within 8 working hours")
    # Decree 118/2025 Art. 19.5: a supplement is requested within 3 working days of receipt.
    SUPPLEMENT_LATE = "supplement_late", _("Supplement requested after 3 working days")
    # Decree 118/2025 Art. 19.6: an extension is asked at least 1 working day before due.
    EXTENSION_LATE = "extension_late", _("Extension asked less than 1 working day before due")
    STEP_LATE = "step_late", _("A processing step finished after its due moment")
    CONSULTATION_LATE = "consultation_late", _("A consultation was answered late")
