"""Verification verdicts: intact, altered, untrusted, unsigned, unreadable."""

from io import BytesIO
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from motcua.core.pdf import render_html_to_pdf
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.errors import ResultRefused
from motcua.results.models import EResult
from motcua.results.queries import read_result_file
from motcua.results.services import add_revocation_list
from motcua.results.signers import SignatureAppearance
from motcua.results.testing import PASSPHRASE

APPEARANCE = SignatureAppearance(
    field_name="Test", lines=("Ký thử",), reason="", location="", box=(300, 30, 560, 110)
)


def one_byte_changed(pdf: bytes) -> bytes:
    """The same file with one byte flipped inside the first content stream (signed range)."""
    data = bytearray(pdf)
    position = data.index(b"stream") + 100
    data[position] ^= 0x01
    return bytes(data)


def test_one_changed_byte_makes_the_result_altered(issued_result: EResult) -> None:
    # given a signed result with one byte changed inside the signed range
    tampered = one_byte_changed(read_result_file(result=issued_result))
    # when it is verified
    verdict = verify_pdf(pdf=tampered)
    # then it is altered, while the signer is still named
    assert verdict.signed
    assert not verdict.intact
    assert verdict.signer == "Phạm Quốc Bảo"


def test_a_certificate_of_an_unknown_ca_is_untrusted(
    stranger_kit: Any, installed_kit: Any, leader: Any, source_pdf: bytes
) -> None:
    # given a PDF signed with a key from a CA nobody trusted
    credential = stranger_kit.register_personal(user=leader, label="Người lạ")
    pdf = unlock_signer(credential=credential, passphrase=PASSPHRASE).sign_pdf(
        pdf=source_pdf, appearance=APPEARANCE
    )
    # when it is verified
    verdict = verify_pdf(pdf=pdf)
    # then it is intact but not trusted
    assert verdict.intact
    assert not verdict.trusted
    assert verdict.signer == "Người lạ"


def test_a_test_ca_is_flagged(issued_result: EResult) -> None:
    # when a result signed under the test CA is verified
    verdict = verify_pdf(pdf=read_result_file(result=issued_result))
    # then the verdict says the trust comes from a test authority
    assert verdict.trusted
    assert verdict.test_authority


def test_content_appended_after_signing_makes_the_result_altered(issued_result: EResult) -> None:
    # given a signed result with an unsigned incremental update appended (new metadata)
    writer = IncrementalPdfFileWriter(BytesIO(read_result_file(result=issued_result)))
    writer.set_info(generic.DictionaryObject({generic.pdf_name("/Title"): generic.pdf_string("x")}))
    appended = BytesIO()
    writer.write(appended)
    # when it is verified
    verdict = verify_pdf(pdf=appended.getvalue())
    # then the signature no longer covers the whole document: altered
    assert verdict.signed
    assert not verdict.intact
    assert not verdict.signatures[0].covers_whole_document


def test_an_unsigned_pdf_is_reported_unsigned(db: Any) -> None:
    verdict = verify_pdf(pdf=render_html_to_pdf(html="<p>Không ký</p>"))
    assert verdict.readable
    assert not verdict.signed
    assert not verdict.intact


def test_garbage_is_reported_unreadable(db: Any) -> None:
    verdict = verify_pdf(pdf=b"%PDF-1.7\nthis is not a document")
    assert not verdict.readable
    assert not verdict.intact
    assert not verdict.trusted


def test_a_certificate_on_its_cas_revocation_list_is_revoked(
    issued_result: EResult, installed_kit: Any, leader_credential: Any
) -> None:
    # given the CA's revocation list naming the leader's certificate
    leader_certificate = installed_kit.key_for("Phạm Quốc Bảo").certificate
    add_revocation_list(
        administrator=None,
        crl=installed_kit.authority.revocation_list(revoked=(leader_certificate,)),
    )
    # when the result is verified
    verdict = verify_pdf(pdf=read_result_file(result=issued_result))
    # then the signature is reported revoked, with the date, and checked against the list
    assert verdict.revoked
    assert verdict.revocation_checked
    assert verdict.signatures[0].revoked_at is not None


def test_an_empty_revocation_list_says_not_revoked(
    issued_result: EResult, installed_kit: Any
) -> None:
    add_revocation_list(administrator=None, crl=installed_kit.authority.revocation_list())
    verdict = verify_pdf(pdf=read_result_file(result=issued_result))
    assert verdict.revocation_checked
    assert not verdict.revoked
    assert verdict.intact
    assert verdict.trusted


def test_without_a_revocation_list_revocation_is_unknown(issued_result: EResult) -> None:
    verdict = verify_pdf(pdf=read_result_file(result=issued_result))
    assert not verdict.revocation_checked
    assert not verdict.revoked


def test_a_revocation_list_of_an_untrusted_ca_is_refused(
    installed_kit: Any, stranger_kit: Any
) -> None:
    with pytest.raises(ResultRefused) as refused:
        add_revocation_list(administrator=None, crl=stranger_kit.authority.revocation_list())
    assert refused.value.code == "crl_not_from_trusted_ca"
