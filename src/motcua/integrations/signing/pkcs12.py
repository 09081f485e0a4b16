"""PKCS#12 files (.p12, .pfx) kept on the server."""

from cryptography.hazmat.primitives.serialization import pkcs12

from motcua.integrations.signing.base import KeyMaterial, KeyProvider
from motcua.results.choices import KeyFormat
from motcua.results.errors import UnreadableKey, WrongPassphrase


class Pkcs12Provider(KeyProvider):
    code = KeyFormat.PKCS12.value
    label = "PKCS#12"

    def load(self, *, key_file: bytes, passphrase: str) -> KeyMaterial:
        if not key_file.startswith(b"0"):  # a DER SEQUENCE
            raise UnreadableKey(key_format=self.code)
        try:
            loaded = pkcs12.load_pkcs12(key_file, passphrase.encode("utf-8") or None)
        except ValueError as error:
            # cryptography says "Invalid password or PKCS12 data" for both: a file that
            # opens without a passphrase but not with this one is the common case.
            raise WrongPassphrase() from error
        if loaded.key is None or loaded.cert is None:
            raise UnreadableKey(key_format=self.code)
        return KeyMaterial(
            private_key=loaded.key,
            certificate=loaded.cert.certificate,
            chain=tuple(extra.certificate for extra in loaded.additional_certs),
        )
