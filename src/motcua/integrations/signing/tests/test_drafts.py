"""Result drafts: from a versioned template or an upload, reviewed, then signed by the leader."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from motcua.integrations.signing.testing import APPLICANT_ID, pdf_text
from motcua.integrations.signing.verification import verify_pdf
from motcua.organizations.choices import Role
from motcua.organizations.tests.factories import RoleAssignmentFactory, StaffFactory
from motcua.results.choices import DraftStatus
from motcua.results.errors import CredentialNotUsable, ResultRefused
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult, ResultDraft
from motcua.results.queries import read_result_file
from motcua.results.services import (
    draft_result_from_template,
    draft_result_from_upload,
    publish_result_template,
    review_result_draft,
    sign_result_draft,
)


@pytest.fixture
def handler(agency: Any) -> Any:
    user = StaffFactory(full_name="Lê Hoàng Nam")
    RoleAssignmentFactory(user=user, role=Role.HANDLER, agency=agency)
    return user


@pytest.fixture
def template(db: Any) -> Any:
    return publish_result_template(
        administrator=None,
        code="gpxd",
        title="Giấy phép xây dựng",
        result_type_code="KQ.GPXD",
        body="<h1>GIẤY PHÉP XÂY DỰNG</h1><p>Cấp cho: {{ holder_name }}</p><p>{{ site }}</p>",
        effective_from=date(2025, 7, 1),
    )


@pytest.fixture
def draft(handler: Any, template: Any) -> ResultDraft:
    return draft_result_from_template(
        officer=handler,
        template=template,
        values={"holder_name": "Nguyễn Văn Ánh", "site": "<b>phường Nha Trang</b>"},
        holder_id_number=APPLICANT_ID,
        metadata=ResultMetadata(title="Giấy phép xây dựng số 7", valid_until=date(2027, 1, 1)),
    )


def test_a_template_is_filled_from_the_dossier_and_laid_out_as_pdf(
    draft: ResultDraft, tmp_path: Path
) -> None:
    # then the draft is a PDF with the dossier's values, escaped, and the template's type code
    with draft.file.open("rb") as handle:
        text = pdf_text(handle.read(), folder=tmp_path)
    assert "Cấp cho: Nguyễn Văn Ánh" in text
    assert "<b>phường Nha Trang</b>" in text
    assert draft.type_code == "KQ.GPXD"
    assert draft.status == DraftStatus.DRAFTED


def test_a_reviewed_draft_is_signed_and_issued(
    draft: ResultDraft, handler: Any, leader: Any, leader_signer: Any
) -> None:
    # given the draft reviewed
    review_result_draft(reviewer=handler, draft=draft)
    # when the leader signs it
    result = sign_result_draft(
        leader=leader, draft=ResultDraft.objects.get(pk=draft.pk), signer=leader_signer
    )
    # then the result is issued from the draft, with its metadata, intact
    assert result.draft_id == draft.pk
    assert result.title == "Giấy phép xây dựng số 7"
    assert result.valid_until == date(2027, 1, 1)
    assert ResultDraft.objects.get(pk=draft.pk).status == DraftStatus.SIGNED
    assert verify_pdf(pdf=read_result_file(result=result)).intact


def test_a_draft_is_not_signed_before_review(
    draft: ResultDraft, leader: Any, leader_signer: Any
) -> None:
    with pytest.raises(ResultRefused) as refused:
        sign_result_draft(leader=leader, draft=draft, signer=leader_signer)
    assert refused.value.code == "draft_not_reviewed"
    assert not EResult.objects.exists()


def test_an_uploaded_pdf_becomes_a_draft(handler: Any, source_pdf: bytes) -> None:
    draft = draft_result_from_upload(
        officer=handler,
        pdf=source_pdf,
        file_name="giay-phep.pdf",
        holder_id_number=APPLICANT_ID,
        result_type_code="KQ.GPXD",
        metadata=ResultMetadata(title="Giấy phép"),
    )
    assert draft.source == "upload"
    assert draft.original_name == "giay-phep.pdf"


def test_a_citizen_cannot_draft_results(template: Any) -> None:
    with pytest.raises(CredentialNotUsable):
        draft_result_from_template(
            officer=StaffFactory(),
            template=template,
            values={},
            holder_id_number=APPLICANT_ID,
            metadata=ResultMetadata(title="X"),
        )
