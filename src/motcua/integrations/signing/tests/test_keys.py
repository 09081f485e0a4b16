"""Unlocking and registering keys: wrong passphrase or expired certificate signs nothing."""

import logging
from typing import Any

import pytest

from motcua.audit.models import AuditEntry
from motcua.integrations.signing.keys import import_credential, unlock_signer
from motcua.integrations.signing.testing import APPLICANT_ID, RESULT_TYPE
from motcua.results.choices import CredentialPurpose, KeyFormat
from motcua.results.errors import CredentialExpired, UnreadableKey, WrongPassphrase
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult, SigningCredential
from motcua.results.services import issue_result, withdraw_credential
from motcua.results.testing import PASSPHRASE


@pytest.mark.parametrize("key_format", [KeyFormat.PKCS12, KeyFormat.PEM])
def test_wrong_passphrase_is_a_clear_error(
    installed_kit: Any, leader: Any, key_format: str
) -> None:
    # given a leader's key kept as PKCS#12 or as an encrypted PEM key
    credential = installed_kit.register_personal(
        user=leader, key_format=key_format, label=f"key {key_format}"
    )
    # when it is unlocked with the wrong passphrase
    with pytest.raises(WrongPassphrase) as refused:
        unlock_signer(credential=credential, passphrase="sai-mat-khau")
    # then the error says so, in Vietnamese and in English, and nothing was signed
    assert refused.value.code == "wrong_passphrase"
    assert "Mật khẩu" in refused.value.message_vi
    assert "passphrase is wrong" in refused.value.message_en
    assert not EResult.objects.exists()


@pytest.mark.parametrize("key_format", [KeyFormat.PKCS12, KeyFormat.PEM])
def test_right_passphrase_unlocks_a_signer_named_after_the_certificate(
    installed_kit: Any, leader: Any, key_format: str
) -> None:
    credential = installed_kit.register_personal(
        user=leader, key_format=key_format, label=f"key {key_format}"
    )
    # when it is unlocked with its passphrase
    signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)
    # then the signer carries the certificate's name and fingerprint, and hides its key
    assert signer.identity.name == f"key {key_format}"
    assert signer.identity.certificate_sha256 == credential.fingerprint_sha256
    assert "key" not in repr(signer).replace("PadesSigner", "").lower().replace("credential", "")


def test_expired_certificate_is_a_clear_error(installed_kit: Any, leader: Any) -> None:
    # given a leader whose certificate expired
    credential = installed_kit.register_expired(user=leader)
    # when the key is unlocked, even with the right passphrase
    with pytest.raises(CredentialExpired) as refused:
        unlock_signer(credential=credential, passphrase=PASSPHRASE)
    # then it is refused, saying until when it was valid
    assert refused.value.code == "certificate_expired"
    assert "hết hạn" in refused.value.message_vi
    assert not EResult.objects.exists()


def test_key_withdrawn_after_unlocking_signs_nothing(
    leader: Any, leader_credential: SigningCredential, source_pdf: bytes
) -> None:
    # given a key unlocked, then withdrawn by an administrator
    signer = unlock_signer(credential=leader_credential, passphrase=PASSPHRASE)
    withdraw_credential(administrator=None, credential=leader_credential)
    # when the result is issued with the unlocked key
    with pytest.raises(CredentialExpired):
        issue_result(
            leader=leader,
            signer=signer,
            source_pdf=source_pdf,
            applicant_id_number=APPLICANT_ID,
            result_type_code=RESULT_TYPE,
            metadata=ResultMetadata(title="Giấy phép"),
        )
    # then nothing is stored
    assert not EResult.objects.exists()


def test_importing_checks_the_passphrase_and_keeps_the_key_encrypted(
    installed_kit: Any, leader: Any
) -> None:
    # given a PKCS#12 file issued to the leader
    issued = installed_kit.key_for("Imported leader")
    key_file = issued.pkcs12(passphrase=PASSPHRASE)
    # when it is imported with a wrong, then the right passphrase
    with pytest.raises(WrongPassphrase):
        import_credential(
            administrator=None,
            purpose=CredentialPurpose.PERSONAL,
            key_format=KeyFormat.PKCS12,
            key_file=key_file,
            passphrase="sai",
            label="Imported",
            owner=leader,
        )
    credential = import_credential(
        administrator=None,
        purpose=CredentialPurpose.PERSONAL,
        key_format=KeyFormat.PKCS12,
        key_file=key_file,
        passphrase=PASSPHRASE,
        label="Imported",
        owner=leader,
    )
    # then only the right one registers it, stored encrypted, with no secret in the audit row
    assert SigningCredential.objects.filter(label="Imported").count() == 1
    assert key_file not in bytes(credential.encrypted_key)
    entry = AuditEntry.objects.get(action="signing.credential_registered", object_id=credential.pk)
    assert PASSPHRASE not in str(entry.after)


def test_a_file_that_is_no_key_is_refused(installed_kit: Any, leader: Any) -> None:
    # when a text file is imported as a PKCS#12 key
    with pytest.raises(UnreadableKey) as refused:
        import_credential(
            administrator=None,
            purpose=CredentialPurpose.PERSONAL,
            key_format=KeyFormat.PKCS12,
            key_file=b"hello",
            passphrase="x",
            label="Nonsense",
            owner=leader,
        )
    # then it is refused as unreadable
    assert refused.value.code == "unreadable_key"


def test_passphrases_never_reach_the_log(
    installed_kit: Any, leader: Any, caplog: pytest.LogCaptureFixture, capsys: Any
) -> None:
    # given a key unlocked with the wrong passphrase, then the right one, and used
    credential = installed_kit.register_personal(user=leader)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(WrongPassphrase):
        unlock_signer(credential=credential, passphrase="sai-mat-khau-bi-mat")
    unlock_signer(credential=credential, passphrase=PASSPHRASE)
    # then neither passphrase appears in anything logged
    logged = caplog.text + "".join(capsys.readouterr())
    assert "sai-mat-khau-bi-mat" not in logged
    assert PASSPHRASE not in logged
