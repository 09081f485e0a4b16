"""`motcua demo load` makes a test CA so the demo's leaders sign for real."""

from typing import Any

import pytest

from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import APPLICANT_ID
from motcua.integrations.signing.verification import verify_pdf
from motcua.organizations import demo as organizations_demo
from motcua.results import demo
from motcua.results.choices import CredentialPurpose
from motcua.results.metadata import ResultMetadata
from motcua.results.models import SigningCredential, TrustAnchor
from motcua.results.queries import list_credentials_for, read_result_file
from motcua.results.services import issue_result


@pytest.fixture
def demo_loaded(db: Any) -> list[str]:
    lines: list[str] = []
    organizations_demo.load(out=lines.append)
    demo.load(out=lines.append)
    return lines


def test_demo_leader_signs_a_result_that_verifies_intact_under_the_test_ca(
    demo_loaded: list[str], source_pdf: bytes
) -> None:
    # given the demo's construction leader and the seal of the department
    leader = SigningCredential.objects.get(owner__username="lanhdao.xaydung").owner
    seal_credential = SigningCredential.objects.get(
        purpose=CredentialPurpose.SEAL, agency__code=organizations_demo.khanh_hoa.CONSTRUCTION
    )
    signer = unlock_signer(
        credential=list_credentials_for(user=leader).get(), passphrase=demo.DEMO_KEY_PASSPHRASE
    )
    seal = unlock_signer(credential=seal_credential, passphrase=demo.DEMO_KEY_PASSPHRASE)
    # when the leader issues a result with the seal
    result = issue_result(
        leader=leader,
        signer=signer,
        seal=seal,
        source_pdf=source_pdf,
        applicant_id_number=APPLICANT_ID,
        result_type_code="KQ.GPXD",
        metadata=ResultMetadata(title="Giấy phép xây dựng (demo)"),
    )
    # then it verifies intact and trusted, flagged as signed under a test authority
    verdict = verify_pdf(pdf=read_result_file(result=result))
    assert verdict.intact
    assert verdict.trusted
    assert verdict.test_authority
    assert verdict.signer == "Phạm Quốc Bảo"
    assert result.signer_position == "Phó Giám đốc Sở Xây dựng"


def test_demo_ca_is_clearly_marked_as_a_test(demo_loaded: list[str]) -> None:
    anchor = TrustAnchor.objects.get()
    assert anchor.is_test
    assert "TEST" in anchor.name
    assert all(credential.is_test for credential in SigningCredential.objects.all())


def test_loading_the_demo_again_creates_nothing(demo_loaded: list[str]) -> None:
    count = SigningCredential.objects.count()
    lines: list[str] = []
    demo.load(out=lines.append)
    assert SigningCredential.objects.count() == count
    assert lines == ["demo signing keys (test CA): 0 created"]


def test_demo_ca_publishes_an_empty_revocation_list(
    demo_loaded: list[str], source_pdf: bytes
) -> None:
    # given a result signed by the demo's ward chairman
    credential = SigningCredential.objects.get(owner__username="chutich.nhatrang")
    signer = unlock_signer(credential=credential, passphrase=demo.DEMO_KEY_PASSPHRASE)
    result = issue_result(
        leader=credential.owner,
        signer=signer,
        source_pdf=source_pdf,
        applicant_id_number=APPLICANT_ID,
        result_type_code="KQ.HT",
        metadata=ResultMetadata(title="Trích lục khai sinh (demo)"),
    )
    # then its verification says "not revoked" from the demo CA's list
    verdict = verify_pdf(pdf=read_result_file(result=result))
    assert verdict.revocation_checked
    assert not verdict.revoked
