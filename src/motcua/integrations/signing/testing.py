"""Pytest fixtures for tests that sign for real (this package, the API, the portal, dossiers).

Import them in a conftest: `from motcua.integrations.signing.testing import *  # noqa: F403`.
Keys are generated once per test session; rows are written per test.
"""

import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest

from motcua.core.pdf import render_html_to_pdf
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.pades import PadesSigner
from motcua.organizations.choices import Role
from motcua.organizations.models import Agency
from motcua.organizations.tests.factories import AgencyFactory, RoleAssignmentFactory, StaffFactory
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult, SigningCredential
from motcua.results.services import issue_result
from motcua.results.testing import PASSPHRASE, SigningKit

__all__ = [
    "PASSPHRASE",
    "agency",
    "installed_kit",
    "issued_result",
    "kit",
    "leader",
    "leader_credential",
    "leader_signer",
    "source_pdf",
    "stranger_kit",
]

APPLICANT_ID = "056091012345"
RESULT_TYPE = "KQ.GPXD"


@functools.cache
def _source_pdf() -> bytes:
    return render_html_to_pdf(
        html=(
            "<h1>GIẤY PHÉP XÂY DỰNG</h1><p>Cấp cho ông Nguyễn Văn Ánh, phường Nha Trang.</p>"
            "<p>Nội dung: xây dựng nhà ở riêng lẻ 3 tầng.</p>"
        )
    )


@pytest.fixture(scope="session")
def kit() -> SigningKit:
    return SigningKit.create()


@pytest.fixture(scope="session")
def stranger_kit() -> SigningKit:
    """A second test CA that nobody trusts."""
    return SigningKit.create(name="Unknown TEST CA")


@pytest.fixture
def installed_kit(kit: SigningKit, db: Any) -> SigningKit:
    kit.install()
    return kit


@pytest.fixture
def source_pdf() -> bytes:
    return _source_pdf()


@pytest.fixture
def agency(db: Any) -> Agency:
    return cast(Agency, AgencyFactory(name="Sở Xây dựng tỉnh Thử"))


@pytest.fixture
def leader(agency: Agency) -> Any:
    user = StaffFactory(username="lanhdao", full_name="Phạm Quốc Bảo")
    RoleAssignmentFactory(user=user, role=Role.UNIT_LEADER, agency=agency)
    return user


@pytest.fixture
def leader_credential(installed_kit: SigningKit, leader: Any) -> SigningCredential:
    return installed_kit.register_personal(user=leader, position_title="Phó Giám đốc")


@pytest.fixture
def leader_signer(leader_credential: SigningCredential) -> PadesSigner:
    return unlock_signer(credential=leader_credential, passphrase=PASSPHRASE)


@pytest.fixture
def issued_result(leader: Any, leader_signer: PadesSigner, source_pdf: bytes) -> EResult:
    return issue_result(
        leader=leader,
        signer=leader_signer,
        source_pdf=source_pdf,
        applicant_id_number=APPLICANT_ID,
        result_type_code=RESULT_TYPE,
        metadata=ResultMetadata(title="Giấy phép xây dựng số 12/GPXD", summary="Nhà ở 3 tầng"),
    )


def pdfsig_available() -> bool:
    return bool(shutil.which("pdfsig") and shutil.which("certutil"))


def nss_database(folder: Path, *, trusted_pems: list[str]) -> str:
    """A throw-away NSS database trusting the given CA certificates; returns `sql:` address."""
    folder.mkdir(parents=True, exist_ok=True)
    address = f"sql:{folder}"
    subprocess.run(["certutil", "-N", "-d", address, "--empty-password"], check=True)
    for index, pem in enumerate(trusted_pems):
        path = folder / f"ca{index}.pem"
        path.write_text(pem, encoding="ascii")
        subprocess.run(
            ["certutil", "-A", "-d", address, "-n", f"ca{index}", "-t", "CT,C,C", "-i", str(path)],
            check=True,
        )
    return address


def pdfsig(pdf: bytes, *, folder: Path, nss: str) -> list[dict[str, str]]:
    """Run poppler's pdfsig; one dict per signature of its "  - Key: value" lines."""
    path = folder / "checked.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(
        ["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True, check=False
    ).stdout
    signatures: list[dict[str, str]] = []
    for line in output.splitlines():
        if line.startswith("Signature #"):
            signatures.append({})
        elif line.strip().startswith("- ") and ":" in line and signatures:
            key, _, value = line.strip()[2:].partition(":")
            signatures[-1][key.strip()] = value.strip()
    return signatures


def pdf_text(pdf: bytes, *, folder: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it (the test is skipped without it)."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = folder / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
