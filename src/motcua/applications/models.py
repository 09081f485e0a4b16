"""Online applications being prepared: the draft and the documents uploaded to it.

A draft is the applicant's server-side working copy (resumable on any device) until it is
submitted; then it points at the dossier it became and is kept read-only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import now


class ApplicationDraft(models.Model):
    """An application being filled in for one procedure variant."""

    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="application_drafts",
        verbose_name=_("owner"),
    )
    representation = models.ForeignKey(
        "accounts.Representation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    variant = models.ForeignKey(
        "catalog.ProcedureVariant",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("procedure case"),
    )
    values = models.JSONField(_("values"), default=dict, blank=True)
    payment_order = models.ForeignKey(
        "payments.PaymentOrder",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("payment order"),
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application_draft",
        verbose_name=_("dossier"),
    )
    created_at = models.DateTimeField(_("created at"), default=now)
    updated_at = models.DateTimeField(_("updated at"), default=now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")
        indexes = [models.Index(fields=["owner", "-updated_at"], name="draft_owner_recent")]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def is_submitted(self) -> bool:
        return self.dossier_id is not None


class DraftDocument(models.Model):
    """A file uploaded to a draft for one item of the required-document checklist."""

    draft = models.ForeignKey(
        ApplicationDraft,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application draft"),
    )
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("required document"),
    )
    file = models.FileField(_("file"), max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8)
    mime_type = models.CharField(_("MIME type"), max_length=100)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=now)

    class Meta:
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "required_document"], name="draft_document_per_item"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
