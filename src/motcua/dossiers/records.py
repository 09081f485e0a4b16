"""What is kept of a dossier besides its steps: stored documents, payments, flags raised on it
and its timeline. Registered with the app through `dossiers.models`, which re-exports them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.documents.models import ElectronicDocument
from motcua.dossiers.choices import FlagCode, PaymentMethod


class DossierDocument(ElectronicDocument):
    """A document of the dossier, linked to the required document it answers when known."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("dossier"),
    )
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("required document"),
    )
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["dossier", "pk"]
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return self.title


class Payment(models.Model):
    """A financial obligation paid (Decree 118/2025 Art. 24)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("dossier"),
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("paid at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["dossier", "paid_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.amount_vnd} VND"


class DossierFlag(models.Model):
    """A time rule breached but let through by law, recorded for reports (`FlagCode`)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="flags",
        verbose_name=_("dossier"),
    )
    code = models.CharField(_("flag"), max_length=32, choices=FlagCode)
    raised_at = models.DateTimeField(_("raised at"))
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("dossier flag")
        verbose_name_plural = _("dossier flags")
        ordering = ["dossier", "raised_at"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "code"], name="dossier_flag_once")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.code}"


class TimelineEntry(models.Model):
    """One act on the dossier as its timeline shows it (personal data never stored here)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="timeline",
        verbose_name=_("dossier"),
    )
    at = models.DateTimeField(_("time"))
    act = models.CharField(_("act"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    status_before = models.CharField(_("status before"), max_length=32, blank=True)
    status_after = models.CharField(_("status after"), max_length=32)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["dossier", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.act}"
