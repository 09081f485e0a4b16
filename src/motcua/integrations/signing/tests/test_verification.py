"""Verification verdicts: intact, altered, untrusted, unsigned, unreadable."""

from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from motcua.core.pdf import render_html_to_pdf
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.models import EResult
from motcua.results.queries import read_result_file
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
