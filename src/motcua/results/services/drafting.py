"""State changes of result drafts: versioned templates, drafts from a template or an upload, review.

Each function is atomic and audited. Templates are Django templates rendered without tags
libraries and with autoescaping, from plain values only.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.utils.html import escape

from motcua.audit.services import record_audit
from motcua.core.clock import now
from motcua.core.pdf import PdfRenderingError, render_pdf
from motcua.core.uploads import FileKind, UploadRefused, inspect_upload, store_upload
from motcua.dossiers.models import Dossier
from motcua.results import permissions
from motcua.results.choices import DraftSource, DraftStatus
from motcua.results.errors import CredentialNotUsable, ResultRefused
from motcua.results.metadata import (
    ResultMetadata,
    checked_holder_id_number,
    checked_result_type_code,
)
from motcua.results.models import ResultDraft, ResultTemplate

PDF_ONLY = frozenset({FileKind.PDF})
DRAFTS_FOLDER = "results/drafts"
_TEMPLATES = Engine(autoescape=True, libraries={}, builtins=[])


def publish_result_template(
    *,
    administrator: Any,
    code: str,
    title: str,
    result_type_code: str,
    body: str,
    effective_from: date,
    legal_basis: str = "",
) -> ResultTemplate:
    """Add the next version of a result template. Raises ResultRefused (`invalid_template`)."""
    try:
        _TEMPLATES.from_string(body)
    except TemplateSyntaxError as error:
        raise ResultRefused(
            "invalid_template",
            message_vi=f"Mẫu kết quả có lỗi cú pháp: {error}",
            message_en=f"The result template has a syntax error: {error}",
        ) from error
    type_code = checked_result_type_code(result_type_code)
    with transaction.atomic():
        latest = (
            ResultTemplate.objects.select_for_update()
            .filter(code=code)
            .order_by("-version")
            .first()
        )
        template = ResultTemplate.objects.create(
            code=code,
            version=(latest.version + 1) if latest else 1,
            title=title,
            result_type_code=type_code,
            body=body,
            legal_basis=legal_basis,
            effective_from=effective_from,
            published_by=administrator if getattr(administrator, "pk", None) else None,
        )
        record_audit(
            actor=administrator,
            action="result.template_published",
            target=template,
            after={"code": code, "version": template.version, "effective_from": effective_from},
        )
    return template


def _require_drafting(officer: Any) -> None:
    if not permissions.can_draft_results(user=officer):
        raise CredentialNotUsable(
            "not_allowed_to_draft",
            message_vi="Bạn không có quyền soạn dự thảo kết quả.",
            message_en="You may not draft results.",
        )


def _save_draft(
    *,
    officer: Any,
    pdf: bytes,
    name: str,
    source: str,
    template: ResultTemplate | None,
    holder_id_number: str,
    type_code: str,
    metadata: ResultMetadata,
    dossier: Dossier | None,
) -> ResultDraft:
    upload = ContentFile(pdf, name=name)
    try:
        inspected = inspect_upload(file=upload, allowed_kinds=PDF_ONLY)
    except UploadRefused as error:
        raise ResultRefused.from_upload(error) from error
    meta = metadata.cleaned()
    with transaction.atomic():
        stored = store_upload(file=upload, inspected=inspected, folder=DRAFTS_FOLDER)
        draft = ResultDraft.objects.create(
            **ResultDraft.fields_from_upload(inspected=inspected, stored_name=stored),
            source=source,
            template=template,
            dossier=dossier,
            type_code=type_code,
            holder_id_number=holder_id_number,
            title=meta.title,
            summary=meta.summary,
            valid_from=meta.valid_from,
            valid_until=meta.valid_until,
            validity_scope=meta.validity_scope,
            drafted_by=officer,
        )
        record_audit(
            actor=officer,
            action="result.drafted",
            target=draft,
            after={
                "source": source,
                "template": f"{template.code} v{template.version}" if template else None,
                "dossier_code": dossier.code if dossier else None,
                "holder_id_number": holder_id_number,
                "sha256": inspected.sha256,
            },
        )
    return draft


def draft_result_from_template(
    *,
    officer: Any,
    template: ResultTemplate,
    values: Mapping[str, Any],
    holder_id_number: str,
    metadata: ResultMetadata,
    dossier: Dossier | None = None,
) -> ResultDraft:
    """Fill a result template with the dossier's values and lay it out as an A4 PDF draft.

    Raises CredentialNotUsable (`not_allowed_to_draft`), ResultRefused (`invalid_id_number`,
    `template_failed`).
    """
    _require_drafting(officer)
    holder = checked_holder_id_number(holder_id_number)
    try:
        body = _TEMPLATES.from_string(template.body).render(Context(dict(values)))
        pdf = render_pdf(
            template="results/result_document.html",
            context={"body": body, "title": escape(template.title)},
        )
    except (TemplateSyntaxError, PdfRenderingError) as error:
        raise ResultRefused(
            "template_failed",
            message_vi=f"Không dựng được văn bản kết quả từ mẫu: {error}",
            message_en=f"The result document could not be made from its template: {error}",
        ) from error
    return _save_draft(
        officer=officer,
        pdf=pdf,
        name=f"{template.code}.pdf",
        source=DraftSource.TEMPLATE,
        template=template,
        holder_id_number=holder,
        type_code=template.result_type_code,
        metadata=metadata,
        dossier=dossier,
    )


def draft_result_from_upload(
    *,
    officer: Any,
    pdf: bytes,
    file_name: str,
    holder_id_number: str,
    result_type_code: str,
    metadata: ResultMetadata,
    dossier: Dossier | None = None,
) -> ResultDraft:
    """Take an uploaded PDF as the result's draft. Raises ResultRefused, CredentialNotUsable."""
    _require_drafting(officer)
    return _save_draft(
        officer=officer,
        pdf=pdf,
        name=file_name,
        source=DraftSource.UPLOAD,
        template=None,
        holder_id_number=checked_holder_id_number(holder_id_number),
        type_code=checked_result_type_code(result_type_code),
        metadata=metadata,
        dossier=dossier,
    )


def review_result_draft(*, reviewer: Any, draft: ResultDraft) -> ResultDraft:
    """Mark a draft as reviewed, ready for the leader's signature. Raises ResultRefused."""
    _require_drafting(reviewer)
    with transaction.atomic():
        draft = ResultDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != DraftStatus.DRAFTED:
            raise ResultRefused(
                "draft_not_open",
                message_vi="Dự thảo này đã được kiểm tra hoặc đã ký.",
                message_en="This draft has already been reviewed or signed.",
            )
        draft.status = DraftStatus.REVIEWED
        draft.reviewed_by = reviewer
        draft.reviewed_at = now()
        draft.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        record_audit(
            actor=reviewer,
            action="result.reviewed",
            target=draft,
            before={"status": DraftStatus.DRAFTED},
            after={"status": DraftStatus.REVIEWED},
        )
    return draft
