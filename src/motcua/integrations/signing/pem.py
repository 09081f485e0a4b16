"""A PEM private key (encrypted or not) followed by its certificate and the CA certificates."""

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from motcua.integrations.signing.base import KeyMaterial, KeyProvider
from motcua.results.choices import KeyFormat
from motcua.results.errors import UnreadableKey, WrongPassphrase


class PemProvider(KeyProvider):
    code = KeyFormat.PEM.value
    label = "PEM"

    def load(self, *, key_file: bytes, passphrase: str) -> KeyMaterial:
        if b"-----BEGIN" not in key_file or b"PRIVATE KEY-----" not in key_file:
            raise UnreadableKey(key_format=self.code)
        try:
            key = serialization.load_pem_private_key(
                key_file, password=passphrase.encode("utf-8") or None
            )
        except TypeError as error:
            # An encrypted key without a passphrase, or a plain key given one.
            raise WrongPassphrase() from error
        except ValueError as error:
            encrypted = b"ENCRYPTED" in key_file
            raise (WrongPassphrase() if encrypted else UnreadableKey(key_format=self.code)) from (
                error
            )
        try:
            certificates = x509.load_pem_x509_certificates(key_file)
        except ValueError as error:
            raise UnreadableKey(key_format=self.code) from error
        return KeyMaterial(
            private_key=key, certificate=certificates[0], chain=tuple(certificates[1:])
        )
