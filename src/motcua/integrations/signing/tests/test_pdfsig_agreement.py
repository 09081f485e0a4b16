"""The verdict agrees with poppler's pdfsig on valid, tampered and untrusted files.

pdfsig reads trust from an NSS database: the test builds one trusting the test CA (and not
the stranger's CA), then compares pdfsig's "Signature Validation" and "Certificate Validation"
lines with `verify_pdf`, with the public page and with the API, file by file.
"""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import nss_database, pdfsig, pdfsig_available
from motcua.integrations.signing.tests.test_verification import APPEARANCE, one_byte_changed
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.certificates import to_pem
from motcua.results.models import EResult
from motcua.results.queries import read_result_file
from motcua.results.testing import PASSPHRASE

pytestmark = pytest.mark.skipif(
    not pdfsig_available(), reason="needs poppler-utils (pdfsig) and libnss3-tools (certutil)"
)


@pytest.fixture
def files(issued_result: EResult, stranger_kit: Any, leader: Any, source_pdf: bytes) -> Any:
    valid = read_result_file(result=issued_result)
    stranger = stranger_kit.register_personal(user=leader, label="Người lạ")
    untrusted = unlock_signer(credential=stranger, passphrase=PASSPHRASE).sign_pdf(
        pdf=source_pdf, appearance=APPEARANCE
    )
    return {"valid": valid, "tampered": one_byte_changed(valid), "untrusted": untrusted}


@pytest.fixture
def nss(tmp_path: Path, kit: Any) -> str:
    return nss_database(tmp_path / "nss", trusted_pems=[to_pem([kit.authority.certificate])])


@pytest.mark.parametrize(
    ("case", "intact", "trusted"),
    [("valid", True, True), ("tampered", False, None), ("untrusted", True, False)],
)
def test_verdict_agrees_with_pdfsig(
    files: Any, nss: str, tmp_path: Path, case: str, intact: bool, trusted: bool | None
) -> None:
    # given a valid, a tampered and an untrusted file
    pdf = files[case]
    # when both pdfsig and our verification check it
    reported = pdfsig(pdf, folder=tmp_path, nss=nss)[0]
    verdict = verify_pdf(pdf=pdf)
    # then they agree on integrity and, where pdfsig judges it, on trust
    pdfsig_intact = reported["Signature Validation"] == "Signature is Valid."
    assert verdict.intact is pdfsig_intact is intact
    if trusted is not None:
        pdfsig_trusted = reported["Certificate Validation"] == "Certificate is Trusted."
        assert verdict.trusted is pdfsig_trusted is trusted


@pytest.mark.parametrize("case", ["valid", "tampered", "untrusted"])
def test_verification_page_and_api_agree_with_pdfsig(
    files: Any, nss: str, tmp_path: Path, case: str
) -> None:
    # given one of the three files
    pdf = files[case]
    reported = pdfsig(pdf, folder=tmp_path, nss=nss)[0]
    pdfsig_intact = reported["Signature Validation"] == "Signature is Valid."
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(pdf)
    client = Client()
    # when the file is uploaded to the public page and to the API
    with path.open("rb") as upload:
        page = client.post("/xac-thuc/", {"file": upload})
    with path.open("rb") as upload:
        answer = client.post("/api/v1/verify", {"file": upload}).json()
    # then the page's verdict and the API's `intact` say what pdfsig says
    expected_state = "intact" if pdfsig_intact else "altered"
    assert f'data-state="{expected_state}"' in page.content.decode()
    assert answer["intact"] is pdfsig_intact
    if "Certificate Validation" in reported:
        assert answer["trusted"] is (
            reported["Certificate Validation"] == "Certificate is Trusted."
        )
