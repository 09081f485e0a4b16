"""`motcua signing`: trust a root CA, import a key with its passphrase, list them."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.results.certificates import to_pem
from motcua.results.models import SigningCredential, TrustAnchor
from motcua.results.testing import PASSPHRASE


def test_trust_import_and_list(kit: Any, leader: Any, tmp_path: Path, monkeypatch: Any) -> None:
    # given the CA certificate and a leader's PKCS#12 file on disk
    (tmp_path / "root.pem").write_text(to_pem([kit.authority.certificate]), encoding="ascii")
    (tmp_path / "leader.p12").write_bytes(
        kit.key_for("Phạm Quốc Bảo").pkcs12(passphrase=PASSPHRASE)
    )
    monkeypatch.setenv("KEY_PASSPHRASE", PASSPHRASE)
    out = StringIO()
    # when the CA is trusted, the key imported and everything listed
    call_command("signing", "trust", str(tmp_path / "root.pem"), stdout=out)
    call_command(
        "signing",
        "import-key",
        str(tmp_path / "leader.p12"),
        "--purpose",
        "personal",
        "--format",
        "pkcs12",
        "--user",
        leader.username,
        "--passphrase-env",
        "KEY_PASSPHRASE",
        stdout=out,
    )
    call_command("signing", "list", stdout=out)
    # then both are registered and listed
    assert TrustAnchor.objects.count() == 1
    assert SigningCredential.objects.get().owner == leader
    assert "leader.p12" in out.getvalue()


def test_a_wrong_passphrase_is_a_command_error(
    kit: Any, leader: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "leader.p12").write_bytes(
        kit.key_for("Phạm Quốc Bảo").pkcs12(passphrase=PASSPHRASE)
    )
    monkeypatch.setenv("KEY_PASSPHRASE", "sai")
    with pytest.raises(CommandError, match="wrong_passphrase"):
        call_command(
            "signing",
            "import-key",
            str(tmp_path / "leader.p12"),
            "--purpose",
            "personal",
            "--format",
            "pkcs12",
            "--user",
            leader.username,
            "--passphrase-env",
            "KEY_PASSPHRASE",
        )
    assert not SigningCredential.objects.exists()
