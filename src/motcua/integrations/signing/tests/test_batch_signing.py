"""Officers batch-sign the scans they made at intake with their personal certificate."""

from typing import Any

import pytest

from motcua.audit.models import AuditEntry
from motcua.core.pdf import render_html_to_pdf
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.verification import verify_pdf
from motcua.organizations.choices import Role
from motcua.organizations.tests.factories import RoleAssignmentFactory, StaffFactory
from motcua.results.errors import CredentialNotUsable, ResultRefused
from motcua.results.services import sign_documents
from motcua.results.testing import PASSPHRASE


@pytest.fixture
def officer(db: Any) -> Any:
    user = StaffFactory(username="tiepnhan", full_name="Nguyễn Thị Thu Hà")
    RoleAssignmentFactory(user=user, at_centre=True)
    return user


@pytest.fixture
def officer_signer(installed_kit: Any, officer: Any) -> Any:
    credential = installed_kit.register_personal(user=officer, position_title="Công chức một cửa")
    return unlock_signer(credential=credential, passphrase=PASSPHRASE)


@pytest.fixture
def scans() -> list[bytes]:
    return [render_html_to_pdf(html=f"<p>Bản quét số {number}</p>") for number in range(3)]


def test_every_scan_is_signed_intact_by_the_officer(
    officer: Any, officer_signer: Any, scans: list[bytes]
) -> None:
    # when the officer batch-signs three scans of a dossier
    signed = sign_documents(
        officer=officer, signer=officer_signer, documents=scans, dossier_code="HS-0001"
    )
    # then each comes back signed by the officer, intact and trusted, and stored by its hash
    assert len(signed) == 3
    for scan in signed:
        verdict = verify_pdf(pdf=scan.pdf)
        assert verdict.intact
        assert verdict.trusted
        assert verdict.signer == "Nguyễn Thị Thu Hà"
        assert scan.stored_name == f"results/scans/{scan.sha256}.pdf"


def test_one_audit_row_records_the_batch(
    officer: Any, officer_signer: Any, scans: list[bytes]
) -> None:
    signed = sign_documents(
        officer=officer, signer=officer_signer, documents=scans, dossier_code="HS-0001"
    )
    entry = AuditEntry.objects.get(action="signing.documents_signed")
    assert entry.after["count"] == 3
    assert entry.after["sha256"] == [scan.sha256 for scan in signed]


def test_a_damaged_scan_stops_the_whole_batch(
    officer: Any, officer_signer: Any, scans: list[bytes]
) -> None:
    # when the second of three documents is not a whole PDF
    with pytest.raises(ResultRefused) as refused:
        sign_documents(
            officer=officer,
            signer=officer_signer,
            documents=[scans[0], b"%PDF-1.7 truncated", scans[2]],
        )
    # then the batch is refused, naming the document, and nothing is recorded
    assert "Document 2" in refused.value.message_en
    assert not AuditEntry.objects.filter(action="signing.documents_signed").exists()


def test_a_citizen_cannot_sign_scans(officer_signer: Any, scans: list[bytes]) -> None:
    with pytest.raises(CredentialNotUsable):
        sign_documents(officer=StaffFactory(), signer=officer_signer, documents=scans)


def test_role_of_a_handler_signs_scans_too(installed_kit: Any, scans: list[bytes]) -> None:
    # given a handler with a personal key (handlers digitise documents too)
    handler = StaffFactory(full_name="Lê Hoàng Nam")
    RoleAssignmentFactory(user=handler, role=Role.HANDLER)
    signer = unlock_signer(
        credential=installed_kit.register_personal(user=handler), passphrase=PASSPHRASE
    )
    # when the handler signs one scan
    signed = sign_documents(officer=handler, signer=signer, documents=scans[:1])
    # then it is signed
    assert verify_pdf(pdf=signed[0].pdf).intact
