"""Public verification pages: the QR address and the upload form."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client

from motcua.integrations.signing.testing import APPLICANT_ID
from motcua.results.models import EResult
from motcua.results.queries import read_result_file
from motcua.results.services import correct_result


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def qr_address(pdf: bytes, folder: Path) -> str:
    """The address in the PDF's QR code, read from a picture of the last page with zbarimg."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("needs poppler-utils (pdftoppm) and zbar-tools (zbarimg)")
    (folder / "result.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-singlefile",
            str(folder / "result.pdf"),
            str(folder / "page"),
        ],
        check=True,
    )
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(folder / "page.png")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return found.strip()


def test_qr_address_shows_an_intact_result_and_its_signer(
    issued_result: EResult, client: Client, tmp_path: Path, settings: Any
) -> None:
    # given the address printed in the signed result's QR code
    address = qr_address(read_result_file(result=issued_result), tmp_path)
    assert address == f"{settings.PUBLIC_BASE_URL}/xac-thuc/{issued_result.verification_code}/"
    # when anyone opens it
    page = client.get(address.removeprefix(settings.PUBLIC_BASE_URL))
    # then the page says intact, names the signer and shows the registered metadata
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-state="intact"' in html
    assert 'data-field="signer">Phạm Quốc Bảo<' in html
    assert "Giấy phép xây dựng số 12/GPXD" in html


def test_page_masks_the_id_number_but_the_last_three_digits(
    issued_result: EResult, client: Client
) -> None:
    html = client.get(f"/xac-thuc/{issued_result.verification_code}/").content.decode()
    assert APPLICANT_ID not in html
    assert f'data-field="holder">*********{APPLICANT_ID[-3:]}<' in html


def test_page_warns_that_a_test_ca_has_no_legal_value(
    issued_result: EResult, client: Client
) -> None:
    html = client.get(f"/xac-thuc/{issued_result.verification_code}/").content.decode()
    assert "TEST certificate authority" in html


def test_a_stored_file_altered_on_disk_shows_altered(
    issued_result: EResult, client: Client
) -> None:
    # given the stored file replaced by someone with access to the storage
    storage = storages["default"]
    tampered = bytearray(read_result_file(result=issued_result))
    tampered[tampered.index(b"stream") + 100] ^= 1
    storage.delete(issued_result.file.name)
    storage.save(issued_result.file.name, ContentFile(bytes(tampered)))
    # when the QR address is opened
    html = client.get(f"/xac-thuc/{issued_result.verification_code}/").content.decode()
    # then the page says altered
    assert 'data-state="altered"' in html


def test_replaced_result_links_to_its_correction(
    issued_result: EResult, leader: Any, leader_signer: Any, source_pdf: bytes, client: Client
) -> None:
    corrected = correct_result(
        leader=leader,
        result=issued_result,
        signer=leader_signer,
        corrected_pdf=source_pdf,
        reason="Sai số tầng",
    )
    html = client.get(f"/xac-thuc/{issued_result.verification_code}/").content.decode()
    assert f"/xac-thuc/{corrected.verification_code}/" in html


def test_unknown_code_is_a_404_page(client: Client, db: Any) -> None:
    page = client.get("/xac-thuc/KHONGCOMA2/")
    assert page.status_code == 404
    assert "KHONGCOMA2" in page.content.decode()


def test_upload_form_is_shown(client: Client, db: Any) -> None:
    page = client.get("/xac-thuc/")
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()


def test_uploaded_result_is_matched_to_its_registered_metadata(
    issued_result: EResult, client: Client
) -> None:
    # when the signed file is uploaded
    upload = ContentFile(read_result_file(result=issued_result), name="ket-qua.pdf")
    html = client.post("/xac-thuc/", {"file": upload}).content.decode()
    # then the verdict is intact and the registered result is shown
    assert 'data-state="intact"' in html
    assert issued_result.verification_code in html


def test_a_file_that_is_not_a_pdf_gets_a_clear_error(client: Client, db: Any) -> None:
    page = client.post("/xac-thuc/", {"file": ContentFile(b"hello", name="ket-qua.pdf")})
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()


def test_uploads_are_limited_per_address(client: Client, settings: Any, db: Any) -> None:
    # given a limit of two checks an hour
    settings.VERIFICATION_UPLOADS_PER_HOUR = 2
    for _ in range(2):
        client.post("/xac-thuc/", {"file": ContentFile(b"x", name="a.pdf")})
    # when a third file is sent within the hour
    page = client.post("/xac-thuc/", {"file": ContentFile(b"x", name="a.pdf")})
    # then it is refused with 429
    assert page.status_code == 429
