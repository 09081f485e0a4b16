"""What the results app needs of a signer: an unlocked key that signs a PDF (PAdES).

The results app never loads keys itself (domain apps do not import integrations): the caller
unlocks a credential through `motcua.integrations.signing` with the signer's passphrase and
hands the unlocked signer to `results.services`. One unlocked signer signs any number of
documents, which is how officers batch-sign their scans.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class SignerIdentity:
    """Who signs, as recorded with the result and drawn on the visible signature."""

    credential_id: int
    purpose: str
    name: str
    position: str
    certificate_sha256: str
    not_before: datetime
    not_after: datetime


@dataclass(frozen=True, kw_only=True)
class SignatureAppearance:
    """Where and how a signature is drawn: a box on a page, lines of text, a QR code.

    `box` is (left, bottom, right, top) in PDF points; `page` counts from 0, -1 is the last.
    """

    field_name: str
    lines: tuple[str, ...]
    reason: str
    location: str
    box: tuple[int, int, int, int]
    page: int = -1
    qr_url: str = ""


class PdfSigner(Protocol):
    """An unlocked key: signs PDFs with a PAdES signature and an RFC 3161 timestamp."""

    @property
    def identity(self) -> SignerIdentity: ...

    def sign_pdf(self, *, pdf: bytes, appearance: SignatureAppearance) -> bytes:
        """Return the PDF with one more signature, added as an incremental update.

        Raises ResultRefused when the PDF cannot be signed (unreadable, encrypted) and
        SigningUnavailable when the time-stamping authority does not answer.
        """
        ...
