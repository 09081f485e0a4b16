"""The fields every stored electronic document carries, as an abstract model to inherit.

A concrete model (the dossier's submitted documents, results) inherits `ElectronicDocument`
and adds its own relations. Decree 118/2025 Art. 19.2 lists the minimum metadata of an
electronic document; the 766 indicators 4.2 and 4.3 count dossiers whose documents were
digitised at intake and dossiers that reused digitised data.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.uploads import FileKind, InspectedFile


class ElectronicDocument(models.Model):
    """A stored file with its content check and the Art. 19.2 metadata (abstract)."""

    file = models.FileField(_("file"), max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=8, choices=[(kind.value, kind.name) for kind in FileKind]
    )
    mime_type = models.CharField(_("MIME type"), max_length=100)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # Decree 118/2025 Art. 19.2: minimum metadata of an electronic document.
    type_code = models.CharField(
        _("document type code"), max_length=50, blank=True, help_text=_("Code of the paper type.")
    )
    holder_id_number = models.CharField(
        _("holder's identification number"),
        max_length=20,
        blank=True,
        help_text=_("Personal identification number of the person, or code of the organisation."),
    )
    title = models.CharField(_("name of the document"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    validity_scope = models.CharField(_("scope of validity"), max_length=300, blank=True)
    # Indicators 4.2 and 4.3 of Decision 766/QĐ-TTg.
    digitised_at_intake = models.BooleanField(
        _("digitised at intake"),
        default=False,
        help_text=_("Scanned or converted by the one-stop counter when the dossier was received."),
    )
    reused = models.BooleanField(
        _("reused"),
        default=False,
        help_text=_("Taken from data already digitised instead of being submitted again."),
    )

    class Meta:
        abstract = True

    @staticmethod
    def fields_from_upload(*, inspected: InspectedFile, stored_name: str) -> dict[str, Any]:
        """The file fields of a document from its content check and its storage name."""
        return {
            "file": stored_name,
            "original_name": inspected.original_name_nfc,
            "kind": inspected.kind.value,
            "mime_type": inspected.mime,
            "size_bytes": inspected.size,
            "sha256": inspected.sha256,
        }
