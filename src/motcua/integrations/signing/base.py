"""What a key provider is: something that turns a stored key into a private key and certificate.

Providers for keys held on the server (PKCS#12, PEM) open the stored file with the signer's
passphrase. A USB token (PKCS#11) or a remote signing service would provide a key that signs
without ever leaving its device; the `KeyProvider` interface leaves room for that through
`KeyMaterial.private_key`, which only needs to sign.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes


@dataclass(frozen=True)
class KeyMaterial:
    """A private key, its certificate and the certificates of the CAs above it."""

    private_key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


class KeyProvider(ABC):
    """Reads one kind of stored key."""

    code: str
    label: str

    @abstractmethod
    def load(self, *, key_file: bytes, passphrase: str) -> KeyMaterial:
        """Open a key file with its passphrase.

        Raises results.errors.WrongPassphrase when the passphrase does not open it and
        UnreadableKey when the file is not of this provider's kind.
        """
