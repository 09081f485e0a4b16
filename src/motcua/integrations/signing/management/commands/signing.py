"""`motcua signing trust FILE`, `signing crl FILE`, `signing import-key …`, `signing list`.

The key's passphrase is read from the terminal (never from the command line, where it would
stay in the shell's history) or, for scripts, from the environment variable the option names.
"""

import getpass
import os
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from motcua.core.clock import format_moment
from motcua.integrations.signing.keys import import_credential
from motcua.organizations.models import Agency
from motcua.results.choices import CredentialPurpose, KeyFormat
from motcua.results.errors import ResultRefused
from motcua.results.models import SigningCredential, TrustAnchor
from motcua.results.services import add_revocation_list, add_trust_anchor


class Command(BaseCommand):
    help = "Trust root CAs and register signing keys (PKCS#12 or PEM) kept on the server."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        trust = sub.add_parser("trust", help="Trust a root CA certificate (PEM file).")
        trust.add_argument("file", type=Path)
        trust.add_argument("--name", default="")
        key = sub.add_parser("import-key", help="Register a signing key with its certificate.")
        key.add_argument("file", type=Path)
        key.add_argument(
            "--purpose",
            choices=[
                CredentialPurpose.PERSONAL,
                CredentialPurpose.SEAL,
                CredentialPurpose.TIMESTAMPING,
            ],
            required=True,
        )
        key.add_argument("--format", dest="key_format", choices=KeyFormat.values, required=True)
        key.add_argument("--user", help="Owner of a personal key (username).")
        key.add_argument("--agency", help="Agency code of a seal.")
        key.add_argument("--position", default="", help="Position shown on the signature.")
        key.add_argument("--label", default="")
        key.add_argument(
            "--passphrase-env",
            help="Read the passphrase from this environment variable instead of asking.",
        )
        crl = sub.add_parser("crl", help="Keep a trusted CA's revocation list (DER or PEM).")
        crl.add_argument("file", type=Path)
        sub.add_parser("list", help="List trust anchors and signing keys.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action'].replace('-', '_')}")(**options)
        except ResultRefused as error:
            raise CommandError(f"{error.code}: {error.message}") from None

    def _trust(self, *, file: Path, name: str, **_: Any) -> None:
        anchor = add_trust_anchor(
            administrator=None, certificate_pem=file.read_text("ascii"), name=name
        )
        self.stdout.write(f"trusted: {anchor.name} ({anchor.fingerprint_sha256})")

    def _crl(self, *, file: Path, **_: Any) -> None:
        revocations = add_revocation_list(administrator=None, crl=file.read_bytes())
        self.stdout.write(
            f"revocation list of {revocations.issuer_name}: "
            f"{revocations.revoked_count} revoked certificates"
        )

    def _import_key(self, **options: Any) -> None:
        owner = agency = None
        if options["user"]:
            owner = get_user_model().objects.filter(username=options["user"]).first()
            if owner is None:
                raise CommandError(f"no user {options['user']!r}")
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"no agency {options['agency']!r}")
        variable = options["passphrase_env"]
        passphrase = os.environ.get(variable, "") if variable else getpass.getpass("Passphrase: ")
        credential = import_credential(
            administrator=None,
            purpose=options["purpose"],
            key_format=options["key_format"],
            key_file=options["file"].read_bytes(),
            passphrase=passphrase,
            label=options["label"] or options["file"].name,
            owner=owner,
            agency=agency,
            position_title=options["position"],
        )
        self.stdout.write(
            f"registered: {credential.label}, {credential.subject_name}, valid until "
            f"{format_moment(credential.not_after)}"
        )

    def _list(self, **_: Any) -> None:
        for anchor in TrustAnchor.objects.filter(is_active=True):
            marker = " [TEST]" if anchor.is_test else ""
            self.stdout.write(f"trust  {anchor.name}{marker}")
        for credential in SigningCredential.objects.filter(withdrawn_at__isnull=True):
            marker = " [TEST]" if credential.is_test else ""
            self.stdout.write(
                f"key    {credential.purpose:<14} {credential.label}{marker} "
                f"(until {format_moment(credential.not_after)})"
            )
