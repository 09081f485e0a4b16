"""State changes of authorised representations: declared by the representative, then ended.

A representation is never deleted: dossiers filed under it must still show who acted for whom.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind, RepresentedKind
from motcua.accounts.errors import InvalidRepresentation, RepresentationAlreadyEnded
from motcua.accounts.events import RepresentationDeclared, RepresentationEnded
from motcua.accounts.models import Representation, User
from motcua.audit.services import record_audit
from motcua.core.clock import isoformat, now, today
from motcua.core.events import publish
from motcua.core.text import normalize
from motcua.core.uploads import FileKind, inspect_upload, store_upload

EVIDENCE_FOLDER = "representations"
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = frozenset({FileKind.PDF, FileKind.JPEG, FileKind.PNG})


@dataclass(frozen=True, kw_only=True)
class RepresentedParty:
    """Whom the representative acts for: a person (ID number) or an organisation (tax code)."""

    kind: str
    name: str
    national_id: str = ""
    tax_code: str = ""


def declare_representation(
    *,
    representative: User,
    represented: RepresentedParty,
    scope_note: str,
    valid_from: date,
    valid_to: date | None = None,
    evidence: File | None = None,
) -> Representation:
    """Record that `representative` may file for a person or organisation from `valid_from`.

    The evidence (power of attorney, authorisation letter) is optional here and checked by
    content. Raises ValidationError for a missing or malformed field or a period that ends
    before it starts, InvalidRepresentation when a staff account or the person themself is
    named, UploadRefused for a bad file.
    """
    if representative.kind == AccountKind.STAFF:
        raise InvalidRepresentation(_("Staff accounts do not file for others through the portal."))
    person = represented.kind == RepresentedKind.PERSON
    row = Representation(
        representative=representative,
        represented_kind=represented.kind,
        represented_name=normalize(represented.name),
        represented_national_id=represented.national_id.strip() if person else "",
        represented_tax_code="" if person else represented.tax_code.strip(),
        scope_note=normalize(scope_note),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if person and not row.represented_national_id:
        raise ValidationError({"represented_national_id": _("Give the person's ID number.")})
    if not person and not row.represented_tax_code:
        raise ValidationError({"represented_tax_code": _("Give the organisation's tax code.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})
    if person and row.represented_national_id == representative.national_id:
        raise InvalidRepresentation(_("You cannot be your own representative."))
    row.full_clean(exclude=["representative", "evidence"])
    stored_name = ""
    if evidence is not None:
        inspected = inspect_upload(
            file=evidence, allowed_kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES
        )
        stored_name = store_upload(file=evidence, inspected=inspected, folder=EVIDENCE_FOLDER)
    with transaction.atomic():
        row.evidence.name = stored_name
        row.save()
        record_audit(
            actor=representative,
            action="representation.declared",
            target=row,
            after={
                # Nested under the personal keys' own names, so the audit trail masks them.
                "represented": {
                    "kind": row.represented_kind,
                    "national_id": row.represented_national_id,
                    "tax_code": row.represented_tax_code,
                },
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
                "has_evidence": bool(stored_name),
            },
        )
        publish(
            RepresentationDeclared(representation_id=row.pk, representative_id=representative.pk)
        )
    return row


def end_representation(*, representative: User, representation: Representation) -> Representation:
    """End a representation today: it no longer appears among those the person may act for.

    Raises RepresentationAlreadyEnded.
    """
    with transaction.atomic():
        row = Representation.objects.select_for_update().get(
            pk=representation.pk, representative=representative
        )
        if row.ended_at is not None:
            raise RepresentationAlreadyEnded
        before = {"valid_to": row.valid_to}
        row.ended_at = now()
        on = today()
        if row.valid_to is None or row.valid_to > on:
            row.valid_to = max(on, row.valid_from)
        row.save(update_fields=["ended_at", "valid_to"])
        record_audit(
            actor=representative,
            action="representation.ended",
            target=row,
            before=before,
            after={"valid_to": row.valid_to, "ended_at": isoformat(row.ended_at)},
        )
        publish(RepresentationEnded(representation_id=row.pk, representative_id=representative.pk))
    return row
