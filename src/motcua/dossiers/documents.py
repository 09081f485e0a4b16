"""The documents of a dossier: what intake receives, checked by content before anything is kept.

Every file is inspected (`core.uploads.inspect_upload`: PDF, JPEG, PNG, DOCX, XLSX, size limit,
SHA-256) before the first row is written, so a bad upload refuses the act and loses nothing
else. Files are stored through Django's storage API under `dossiers/<dossier id>/`, with the minimum
metadata of Decree 118/2025 Art. 19.2 and the "digitised at intake" / "reused" flags that feed
indicators 4.2 and 4.3 of Decision 766/QĐ-TTg.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _

from motcua.core.text import normalize
from motcua.core.uploads import (
    EXTENSION_OF_KIND,
    FileKind,
    InspectedFile,
    UploadRefused,
    inspect_upload,
    store_upload,
)
from motcua.dossiers.errors import DocumentRefused, DossierIncomplete
from motcua.dossiers.models import Dossier, DossierDocument


@dataclass(frozen=True, kw_only=True)
class DocumentInput:
    """A document handed in: which required document it answers (`code`), counts, the file.

    Without a file the paper is recorded as handed in (counter) with its counts only.
    """

    code: str = ""
    title: str = ""
    originals: int = 0
    copies: int = 0
    file: File | None = None
    digitised_at_intake: bool = False
    reused: bool = False
    type_code: str = ""
    holder_id_number: str = ""
    summary: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    validity_scope: str = ""


def missing_documents(*, required: Iterable[Any], submitted: Sequence[DocumentInput]) -> list[Any]:
    """The mandatory required documents that no submitted document answers (Art. 17.1)."""
    given = {document.code for document in submitted if document.code}
    return [row for row in required if row.mandatory and row.code not in given]


def check_complete(*, required: Iterable[Any], submitted: Sequence[DocumentInput]) -> None:
    """Raises DossierIncomplete listing each missing mandatory document."""
    missing = missing_documents(required=required, submitted=submitted)
    if missing:
        raise DossierIncomplete(
            _("The dossier lacks mandatory documents: %(names)s.")
            % {"names": "; ".join(row.name for row in missing)},
            missing_documents=[{"code": row.code, "name": row.name} for row in missing],
        )


def inspect_documents(
    documents: Sequence[DocumentInput],
) -> list[tuple[DocumentInput, InspectedFile | None]]:
    """Check every file by its content. Raises DocumentRefused naming the first bad one."""
    checked: list[tuple[DocumentInput, InspectedFile | None]] = []
    for position, document in enumerate(documents):
        if document.file is None:
            checked.append((document, None))
            continue
        try:
            inspected = inspect_upload(
                file=document.file, max_bytes=settings.DOSSIERS_UPLOAD_MAX_BYTES
            )
        except UploadRefused as refusal:
            raise DocumentRefused(
                refusal.message,
                upload_code=refusal.code,
                document=position,
                file_name=normalize(document.file.name or ""),
                **refusal.details,
            ) from refusal
        checked.append((document, inspected))
    return checked


def store_documents(
    *,
    dossier: Dossier,
    checked: Sequence[tuple[DocumentInput, InspectedFile | None]],
    officer: Any,
    at: datetime,
) -> list[DossierDocument]:
    """Store the inspected files and write one row per document (inside the act's transaction)."""
    if not checked:
        return []
    required = {row.code: row for row in dossier.variant.required_documents.all()}
    rows = []
    for document, inspected in checked:
        requirement = required.get(document.code)
        fields: dict[str, Any] = {"file": "", "original_name": "", "kind": "", "mime_type": ""}
        fields |= {"size_bytes": 0, "sha256": ""}
        if inspected is not None and document.file is not None:
            stored = store_upload(
                file=document.file, inspected=inspected, folder=f"dossiers/{dossier.pk}"
            )
            fields = DossierDocument.fields_from_upload(inspected=inspected, stored_name=stored)
        rows.append(
            DossierDocument(
                dossier=dossier,
                required_document=requirement,
                title=normalize(document.title or (requirement.name if requirement else ""))[:300]
                or (inspected.original_name_nfc if inspected else "—"),
                originals=document.originals,
                copies=document.copies,
                type_code=document.type_code,
                holder_id_number=document.holder_id_number,
                summary=document.summary,
                valid_from=document.valid_from,
                valid_until=document.valid_until,
                validity_scope=document.validity_scope,
                digitised_at_intake=document.digitised_at_intake,
                reused=document.reused,
                uploaded_by=officer if getattr(officer, "pk", None) else None,
                uploaded_at=at,
                **fields,
            )
        )
    return DossierDocument.objects.bulk_create(rows)


DOWNLOAD_NAME_LIMIT = 120


def download_name(document: DossierDocument) -> str:
    """A safe file name for a stored document: its title (or the name it was uploaded with),
    without path separators, quotes or control characters, cut to a sane length, with the
    extension of its checked kind (never the one it was uploaded with)."""
    base = normalize(document.title) or normalize(document.original_name.rsplit(".", 1)[0])
    kept = "".join(
        character if character.isalnum() or character in " .-_" else "_" for character in base
    )
    stem = " ".join(kept.split()).strip(" ._")[:DOWNLOAD_NAME_LIMIT] or document.dossier.code
    extension = EXTENSION_OF_KIND.get(FileKind(document.kind), "") if document.kind else ""
    return f"{stem}{extension}"
