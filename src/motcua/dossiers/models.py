"""Dossiers and what happens to them: steps, hand-overs, consultations (documents, payments,
flags and the timeline are in `records`).

`Dossier.status` is a protected state field (django-fsm-2): it changes only through the
transition methods below, called by `dossiers.services`. `revision` is counted up by every act,
and `ConcurrentTransitionMixin` saves a dossier only if neither field changed since it was read,
so two officers acting at once cannot both win (docs/adr/0070).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMIntegerField, transition

from motcua.dossiers.choices import (
    ApplicantKind,
    Channel,
    DossierStatus,
    HandoverKind,
    ReturnMethod,
    Stage,
    StepStatus,
)
from motcua.dossiers.lookup_secrets import new_lookup_secret

S = DossierStatus
# Statuses in which the dossier is still being worked on (the applicant may still withdraw).
OPEN_STATUSES = (S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT)
IN_HANDS = (S.RECEIVED, S.PROCESSING)


def _is_received(dossier: models.Model) -> bool:
    return getattr(dossier, "received_at", None) is not None


def _is_not_received(dossier: models.Model) -> bool:
    return getattr(dossier, "received_at", None) is None


class Dossier(ConcurrentTransitionMixin, models.Model):
    """A dossier lodged by an applicant for one variant of a procedure (Decree 118/2025).

    `code` follows Art. 28: the receiving agency's identifier, the day, a daily sequence.
    `agency` is the competent (lead) agency; `current_agency` holds the dossier now.
    Moments: `submitted_at` (online arrival), `received_at` (receipt of a complete dossier,
    Art. 17.3), `due_at` (the appointment, moved by a supplement or the one extension).
    """

    code = models.CharField(_("dossier code"), max_length=48, unique=True)
    # Printed on the receipt and in its QR code: with the code, it opens the public lookup.
    lookup_secret = models.CharField(
        _("lookup secret"), max_length=16, default=new_lookup_secret, editable=False
    )
    status = FSMField(
        _("status"), max_length=32, choices=DossierStatus, default=S.SUBMITTED, protected=True
    )
    revision = FSMIntegerField(_("revision"), default=0)
    stage = models.CharField(_("stage"), max_length=32, choices=Stage, blank=True, default="")
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel)

    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("procedure version"),
    )
    variant = models.ForeignKey(
        "catalog.ProcedureVariant",
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,
        verbose_name=_("case of the procedure"),
    )
    # Indexed by `dossier_centre` below (centre, status, due moment).
    service_centre = models.ForeignKey(
        "organizations.ServiceCentre",
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,
        verbose_name=_("receiving service centre"),
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.PROTECT,
        related_name="lead_dossiers",
        verbose_name=_("competent agency"),
    )
    # Indexed by `dossier_queue` below (agency, status, due moment).
    current_agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.PROTECT,
        related_name="held_dossiers",
        db_index=False,
        verbose_name=_("agency holding the dossier"),
    )
    # Officers are never looked up from dossiers: no index to maintain on every write.
    receiving_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("receiving officer"),
    )
    current_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("current handler"),
    )

    applicant_kind = models.CharField(
        _("applicant kind"), max_length=16, choices=ApplicantKind, default=ApplicantKind.CITIZEN
    )
    applicant_name = models.CharField(_("applicant"), max_length=300)
    applicant_name_folded = models.CharField(
        _("applicant (for search)"), max_length=300, editable=False
    )
    applicant_id_number = models.CharField(_("ID number or tax code"), max_length=20, blank=True)
    applicant_address = models.CharField(_("address"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("applicant's account"),
    )
    sets = models.PositiveSmallIntegerField(_("sets"), default=1)
    return_method = models.CharField(
        _("result returned"), max_length=16, choices=ReturnMethod, default=ReturnMethod.COUNTER
    )
    delivery_address = models.CharField(_("delivery address"), max_length=500, blank=True)
    postal_tracking_code = models.CharField(_("postal tracking code"), max_length=50, blank=True)

    processing_time_value = models.PositiveIntegerField(_("processing time"))
    processing_time_unit = models.CharField(_("unit"), max_length=16)
    supplement_policy = models.CharField(_("clock after a supplement"), max_length=16)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    intake_due_at = models.DateTimeField(_("intake due at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    first_due_at = models.DateTimeField(_("first due at"), null=True, blank=True)
    supplement_requested_at = models.DateTimeField(
        _("supplement requested at"), null=True, blank=True
    )
    supplement_received_at = models.DateTimeField(
        _("supplement received at"), null=True, blank=True
    )
    supplement_wait_until = models.DateTimeField(
        _("supplement awaited until"), null=True, blank=True
    )
    supplement_requests = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    supplement_items = models.JSONField(_("items to supplement"), default=list, blank=True)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    fee_amount_vnd = models.PositiveBigIntegerField(_("amount due (VND)"), default=0)
    decided_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)
    result_summary = models.TextField(_("result"), blank=True)
    result_receiver_name = models.CharField(_("result received by"), max_length=200, blank=True)
    result_receiver_id_number = models.CharField(
        _("receiver's ID number"), max_length=20, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["current_agency", "status", "due_at"], name="dossier_queue"),
            models.Index(fields=["service_centre", "status", "due_at"], name="dossier_centre"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            models.Index(fields=["received_at", "id"], name="dossier_received"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        from motcua.core.text import fold, normalize

        self.applicant_name = normalize(self.applicant_name)
        self.applicant_name_folded = fold(self.applicant_name)
        super().save(*args, **kwargs)

    @property
    def national_status_code(self) -> int:
        return DossierStatus(self.status).national_code

    # --- the lifecycle (Decree 118/2025; DOMAIN §2) ----------------------------------------
    # Transitions with target=None keep the status; they exist so that the allowed acts of
    # every status are read from one place.

    @transition(field=status, source=S.SUBMITTED, target=S.RECEIVED)
    def receive(self) -> None:
        """An online dossier accepted at intake (status 1 → 2)."""

    @transition(field=status, source=S.SUBMITTED, target=S.REFUSED_AT_INTAKE)
    def refuse_at_intake(self) -> None:
        """An online dossier refused at intake (status 1 → 3)."""

    @transition(
        field=status, source=S.SUBMITTED, target=S.AWAITING_SUPPLEMENT, custom={"act": "intake"}
    )
    def return_for_supplement(self) -> None:
        """An incomplete online dossier sent back before it is received (status 1 → 5)."""

    @transition(field=status, source=IN_HANDS, target=None)
    def assign(self) -> None:
        """A handler takes (or is given) the current step."""

    @transition(field=status, source=IN_HANDS, target=S.PROCESSING)
    def complete_step(self) -> None:
        """The current step is done; the next one starts."""

    @transition(field=status, source=IN_HANDS, target=S.PROCESSING)
    def transfer(self) -> None:
        """The dossier passes to another agency (inter-agency)."""

    @transition(field=status, source=S.PROCESSING, target=None)
    def return_step(self) -> None:
        """Sent back to the previous step."""

    @transition(field=status, source=S.PROCESSING, target=None)
    def recall(self) -> None:
        """The sender takes back a dossier the receiver has not started."""

    @transition(field=status, source=S.PROCESSING, target=None)
    def consult(self) -> None:
        """Another agency's opinion is asked (Art. 19.4)."""

    @transition(field=status, source=S.PROCESSING, target=None)
    def answer_consultation(self) -> None:
        """A consulted agency answers."""

    @transition(
        field=status, source=IN_HANDS, target=S.AWAITING_SUPPLEMENT, conditions=[_is_received]
    )
    def request_supplement(self) -> None:
        """Supplement requested after receipt (status → 5; Art. 19.5)."""

    @transition(
        field=status,
        source=S.AWAITING_SUPPLEMENT,
        target=S.PROCESSING,
        conditions=[_is_received],
    )
    def receive_supplement(self) -> None:
        """The supplement arrived complete; processing resumes (status 5 → 4)."""

    @transition(
        field=status,
        source=S.AWAITING_SUPPLEMENT,
        target=S.SUBMITTED,
        conditions=[_is_not_received],
    )
    def resubmit(self) -> None:
        """An online dossier sent back at intake comes in again, completed (status 5 → 1)."""

    @transition(field=status, source=S.AWAITING_SUPPLEMENT, target=S.STOPPED)
    def stop_without_supplement(self) -> None:
        """No supplement within the waiting time: processing stops (status 5 → 8)."""

    @transition(field=status, source=IN_HANDS, target=S.AWAITING_PAYMENT)
    def request_payment(self) -> None:
        """A financial obligation is due (status → 6; Art. 24)."""

    @transition(field=status, source=S.AWAITING_PAYMENT, target=S.PROCESSING)
    def record_payment(self) -> None:
        """The obligation is paid (status 6 → 4)."""

    @transition(field=status, source=OPEN_STATUSES, target=S.WITHDRAWN)
    def withdraw(self) -> None:
        """The applicant withdraws before the decision (status → 7; Art. 21)."""

    @transition(field=status, source=IN_HANDS, target=S.STOPPED)
    def refuse(self) -> None:
        """Refused after appraisal (status → 8)."""

    @transition(
        field=status,
        source=(S.RECEIVED, S.PROCESSING, S.AWAITING_PAYMENT),
        target=None,
        conditions=[_is_received],
    )
    def extend(self) -> None:
        """Apology and extension to a new due moment (Art. 19.6)."""

    @transition(field=status, source=S.PROCESSING, target=S.RESULT_READY)
    def approve_result(self) -> None:
        """The unit leader approves the result (status 4 → 9)."""

    @transition(field=status, source=S.RESULT_READY, target=S.RETURNED)
    def return_result(self) -> None:
        """The result is handed to the applicant or posted (status 9 → 10)."""


class DossierCodeCounter(models.Model):
    """The last sequence number given by an agency on a day (Decree 118/2025 Art. 28).

    Locked and counted up inside the intake's transaction: a rolled-back intake gives its
    number back, so the sequence has no gaps.
    """

    agency_code = models.CharField(_("agency identifier code"), max_length=32)
    day = models.DateField(_("day"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")
        constraints = [
            models.UniqueConstraint(fields=["agency_code", "day"], name="dossier_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day:%y%m%d} #{self.last_number}"


class DossierStep(models.Model):
    """A step of the dossier's internal process, copied from the variant's template."""

    # Indexed by the unique (dossier, order) constraint.
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="steps",
        db_index=False,
        verbose_name=_("dossier"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=300)
    org_unit = models.SlugField(_("unit"), max_length=64)
    role = models.CharField(_("role"), max_length=32)
    hours = models.PositiveIntegerField(_("budget (working hours)"))
    parallel_group = models.SlugField(_("parallel group"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus, default=StepStatus.PENDING
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("agency"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("handler"),
    )
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        ordering = ["dossier", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "order"], name="dossier_step_order_unique")
        ]
        # "Mine" starts from the officer's steps in progress, "awaiting me" may start from the
        # agencies' steps in progress (docs/performance.md, backoffice).
        indexes = [
            models.Index(fields=["handler", "status"], name="dossier_step_handler"),
            models.Index(fields=["agency", "status"], name="dossier_step_agency"),
            # Lateness per officer and step reads an agency's steps finished in a period.
            models.Index(fields=["agency", "finished_at"], name="dossier_step_agency_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} · {self.order}. {self.name}"


class Handover(models.Model):
    """The dossier passing from one unit to another: a row of the control slip (form 06).

    `due_at` is the receiver's own due moment (inter-agency work: Decree 118/2025 Art. 20);
    `completed_at` is when the receiver passed it on.
    """

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("dossier")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=HandoverKind)
    from_agency = models.ForeignKey(
        "organizations.Agency",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("from agency"),
    )
    from_unit = models.CharField(_("from"), max_length=300)
    from_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    to_agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to agency"),
    )
    to_unit = models.CharField(_("to"), max_length=300)
    to_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("received by"),
    )
    handed_over_at = models.DateTimeField(_("handed over at"))
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["dossier", "handed_over_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_unit} → {self.to_unit}"


class Consultation(models.Model):
    """Another agency's opinion asked through the system, with its deadline (Art. 19.4)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("dossier")
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("consulted agency"),
    )
    question = models.TextField(_("question"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    due_at = models.DateTimeField(_("due at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["dossier", "requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.agency_id}"


# Documents, payments, flags and the timeline live in `records`; imported here so that the app
# registers them and `dossiers.models` keeps naming every model.
from motcua.dossiers.records import (  # noqa: E402
    DossierDocument,
    DossierFlag,
    Payment,
    TimelineEntry,
)

__all__ = [
    "OPEN_STATUSES",
    "Consultation",
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierFlag",
    "DossierStep",
    "Handover",
    "Payment",
    "TimelineEntry",
]
