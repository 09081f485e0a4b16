"""Issuing signed results: sign, store, audit, publish; corrections as new versions (Art. 23)."""

from typing import Any

import pytest

from motcua.audit.models import AuditEntry
from motcua.core.events import subscribe, unsubscribe
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import APPLICANT_ID, RESULT_TYPE, pdf_text
from motcua.integrations.signing.verification import verify_pdf
from motcua.organizations.choices import Role
from motcua.organizations.tests.factories import RoleAssignmentFactory, StaffFactory
from motcua.results.errors import CredentialNotUsable, ResultRefused
from motcua.results.events import ResultIssued
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult
from motcua.results.queries import read_result_file
from motcua.results.services import correct_result, issue_result
from motcua.results.testing import PASSPHRASE

METADATA = ResultMetadata(title="Giấy phép xây dựng số 12/GPXD")


@pytest.fixture
def heard() -> Any:
    received: list[Any] = []
    subscribe(ResultIssued, received.append)
    yield received
    unsubscribe(ResultIssued, received.append)


def test_issued_result_is_signed_intact_and_trusted(issued_result: EResult) -> None:
    # given a result issued by the leader
    # when its stored file is verified
    verdict = verify_pdf(pdf=read_result_file(result=issued_result))
    # then it is intact, trusted, signed by the leader with a trusted timestamp
    assert verdict.intact
    assert verdict.trusted
    assert verdict.signer == "Phạm Quốc Bảo"
    assert verdict.signatures[0].timestamped
    assert verdict.signatures[0].timestamp_trusted
    assert verdict.sha256 == issued_result.sha256


def test_issued_result_records_the_art_22_code_and_the_signer(issued_result: EResult) -> None:
    # then the store holds the e-result code (ID number + result type), signer and time
    assert issued_result.e_result_code == f"{APPLICANT_ID}.{RESULT_TYPE}"
    assert issued_result.signer_name == "Phạm Quốc Bảo"
    assert issued_result.signer_position == "Phó Giám đốc"
    assert issued_result.version == 1
    assert issued_result.replaces is None
    assert len(issued_result.verification_code) == 10


def test_issuing_writes_an_audit_row_without_the_id_number(issued_result: EResult) -> None:
    # then one audit row names the result, with the ID number masked
    entry = AuditEntry.objects.get(action="result.issued")
    assert entry.object_id == str(issued_result.pk)
    assert entry.after["holder_id_number"] == "***"
    assert entry.after["verification_code"] == issued_result.verification_code
    assert APPLICANT_ID not in str(entry.after)


def test_result_issued_event_is_published_after_commit(
    leader: Any,
    leader_signer: Any,
    source_pdf: bytes,
    heard: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when a result is issued
    with django_capture_on_commit_callbacks(execute=True):
        result = issue_result(
            leader=leader,
            signer=leader_signer,
            source_pdf=source_pdf,
            applicant_id_number=APPLICANT_ID,
            result_type_code=RESULT_TYPE,
            metadata=METADATA,
        )
    # then subscribers hear of it once
    assert [event.result_id for event in heard] == [result.pk]


def test_visible_signature_shows_signer_position_and_verification_address(
    issued_result: EResult, tmp_path: Any
) -> None:
    # when the stored file's text is read back
    text = pdf_text(read_result_file(result=issued_result), folder=tmp_path)
    # then the stamp names the signer, the position and the QR address
    assert "Ký bởi: Phạm Quốc Bảo" in text
    assert "Chức vụ: Phó Giám đốc" in text
    assert f"/xac-thuc/{issued_result.verification_code}/" in text


def test_seal_is_a_second_signature_and_both_verify(
    leader: Any, leader_signer: Any, source_pdf: bytes, installed_kit: Any, agency: Any
) -> None:
    # given the agency's seal, unlocked by the leader of that agency
    seal = unlock_signer(
        credential=installed_kit.register_seal(agency=agency), passphrase=PASSPHRASE
    )
    # when the result is issued with the seal
    result = issue_result(
        leader=leader,
        signer=leader_signer,
        seal=seal,
        source_pdf=source_pdf,
        applicant_id_number=APPLICANT_ID,
        result_type_code=RESULT_TYPE,
        metadata=METADATA,
    )
    # then the file carries two intact, trusted signatures: the leader's, then the seal
    verdict = verify_pdf(pdf=read_result_file(result=result))
    assert [check.field_name for check in verdict.signatures] == ["LanhDao", "ConDau"]
    assert verdict.intact
    assert verdict.trusted
    assert result.seal_name == seal.identity.name


def test_correction_is_a_new_version_pointing_at_the_replaced_result(
    issued_result: EResult, leader: Any, leader_signer: Any, source_pdf: bytes
) -> None:
    # when the result is corrected (Decree 118/2025 Art. 23)
    corrected = correct_result(
        leader=leader,
        result=issued_result,
        signer=leader_signer,
        corrected_pdf=source_pdf,
        reason="Sai số tầng",
    )
    # then a second version replaces the first, which is kept unchanged
    assert corrected.version == 2
    assert corrected.replaces_id == issued_result.pk
    assert corrected.e_result_code == issued_result.e_result_code
    original = EResult.objects.get(pk=issued_result.pk)
    assert original.sha256 == issued_result.sha256
    assert original.replaced_by.pk == corrected.pk


def test_a_result_is_corrected_only_once(
    issued_result: EResult, leader: Any, leader_signer: Any, source_pdf: bytes
) -> None:
    # given a result already corrected
    correct_result(
        leader=leader,
        result=issued_result,
        signer=leader_signer,
        corrected_pdf=source_pdf,
        reason="Sai số tầng",
    )
    # when the old version is corrected again
    with pytest.raises(ResultRefused) as refused:
        correct_result(
            leader=leader,
            result=issued_result,
            signer=leader_signer,
            corrected_pdf=source_pdf,
            reason="Lần nữa",
        )
    # then it is refused: corrections continue from the latest version
    assert refused.value.code == "already_corrected"
    assert EResult.objects.count() == 2


def test_only_a_leader_signs_results(leader_signer: Any, source_pdf: bytes, agency: Any) -> None:
    # given a handler who somehow holds the leader's unlocked key
    handler = StaffFactory()
    RoleAssignmentFactory(user=handler, role=Role.HANDLER, agency=agency)
    # when the handler issues a result
    with pytest.raises(CredentialNotUsable) as refused:
        issue_result(
            leader=handler,
            signer=leader_signer,
            source_pdf=source_pdf,
            applicant_id_number=APPLICANT_ID,
            result_type_code=RESULT_TYPE,
            metadata=METADATA,
        )
    # then nothing is signed
    assert refused.value.code == "not_allowed_to_sign"
    assert not EResult.objects.exists()


def test_a_leader_cannot_sign_with_another_leaders_key(
    leader_signer: Any, source_pdf: bytes, agency: Any
) -> None:
    # given another leader of the same agency
    other = StaffFactory()
    RoleAssignmentFactory(user=other, role=Role.UNIT_LEADER, agency=agency)
    # when that leader signs with the first leader's key
    with pytest.raises(CredentialNotUsable) as refused:
        issue_result(
            leader=other,
            signer=leader_signer,
            source_pdf=source_pdf,
            applicant_id_number=APPLICANT_ID,
            result_type_code=RESULT_TYPE,
            metadata=METADATA,
        )
    # then it is refused
    assert refused.value.code == "credential_not_yours"


@pytest.mark.parametrize(
    ("id_number", "type_code", "pdf", "code"),
    [
        ("12345", RESULT_TYPE, None, "invalid_id_number"),
        (APPLICANT_ID, "bad code!", None, "invalid_result_type_code"),
        (APPLICANT_ID, RESULT_TYPE, b"not a pdf", "content_mismatch"),
        (APPLICANT_ID, RESULT_TYPE, b"%PDF-1.7\n1 0 obj", "damaged_file"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_signed(
    leader: Any,
    leader_signer: Any,
    source_pdf: bytes,
    id_number: str,
    type_code: str,
    pdf: bytes | None,
    code: str,
) -> None:
    # when a result is issued with a bad ID number, type code or file
    with pytest.raises(ResultRefused) as refused:
        issue_result(
            leader=leader,
            signer=leader_signer,
            source_pdf=pdf or source_pdf,
            applicant_id_number=id_number,
            result_type_code=type_code,
            metadata=METADATA,
        )
    # then it is refused with a clear code and nothing is stored or audited
    assert refused.value.code == code
    assert refused.value.message_vi
    assert refused.value.message_en
    assert not EResult.objects.exists()
    assert not AuditEntry.objects.filter(action="result.issued").exists()
