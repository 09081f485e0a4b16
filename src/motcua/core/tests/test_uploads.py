import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Callable

import pytest
from django.core.files import File
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from motcua.core.pdf import render_html_to_pdf
from motcua.core.uploads import (
    CHUNK_BYTES,
    IMAGE_KINDS,
    FileKind,
    UploadRefused,
    inspect_upload,
    store_upload,
)


def _pdf() -> bytes:
    return render_html_to_pdf(html="<p>Giấy đề nghị đăng ký hộ kinh doanh</p>")


def _image(format_name: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=format_name)
    return buffer.getvalue()


def _phone_photo() -> bytes:
    """A multi-picture JPEG (MPO), as many phones save photos."""
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def _office(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _docx(main_type: str = "wordprocessingml.document.main+xml", **extra: str) -> bytes:
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/word/document.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.{main_type}"/></Types>'
    )
    return _office(
        {
            "[Content_Types].xml": content_types,
            "word/document.xml": "<w:document/>",
            **extra,
        }
    )


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Sổ theo dõi hồ sơ"  # type: ignore[index]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(name: str, content: bytes) -> File:
    return File(io.BytesIO(content), name=name)


@pytest.mark.parametrize(
    ("name", "make", "kind", "mime"),
    [
        ("đơn đề nghị.pdf", _pdf, FileKind.PDF, "application/pdf"),
        ("ảnh thẻ.JPG", lambda: _image("JPEG"), FileKind.JPEG, "image/jpeg"),
        ("anh-dien-thoai.jpeg", _phone_photo, FileKind.JPEG, "image/jpeg"),
        ("so-do.png", lambda: _image("PNG"), FileKind.PNG, "image/png"),
        (
            "to-khai.docx",
            _docx,
            FileKind.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "bang-ke.xlsx",
            _xlsx,
            FileKind.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_kinds_are_recognised_by_content_with_size_and_sha256(
    name: str, make: Callable[[], bytes], kind: FileKind, mime: str
) -> None:
    # given a real file of the kind
    content = make()
    # when inspected
    inspected = inspect_upload(file=_upload(name, content))
    # then kind, MIME type, size and hash describe it
    assert (inspected.kind, inspected.mime) == (kind, mime)
    assert inspected.size == len(content)
    assert inspected.sha256 == hashlib.sha256(content).hexdigest()


def _truncated_pdf() -> bytes:
    pdf = _pdf()
    return pdf[: len(pdf) // 2]


def _png_with_broken_checksum() -> bytes:
    png = bytearray(_image("PNG"))
    data_at = png.index(b"IDAT") + 6
    png[data_at] ^= 0xFF
    return bytes(png)


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("setup.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, "content_mismatch"),
        ("anh.png", _pdf, "content_mismatch"),
        ("to-khai.docx", _xlsx, "content_mismatch"),
        ("to-khai.xlsx", _docx, "content_mismatch"),
        ("luu-tru.docx", lambda: _office({"a.txt": "x"}), "content_mismatch"),
        ("to-khai.pdf", _truncated_pdf, "damaged_file"),
        ("to-khai.pdf", lambda: b"%PDF-1.7\n" + b"garbage " * 100, "damaged_file"),
        ("anh.png", lambda: _image("PNG")[:-20], "damaged_file"),
        ("anh.png", _png_with_broken_checksum, "damaged_file"),
        ("anh.jpg", lambda: _image("JPEG")[:-40], "damaged_file"),
        ("to-khai.docx", lambda: _docx()[:-30], "damaged_file"),
        (
            "to-khai.docx",
            lambda: _docx("wordprocessingml.document.main+xml", **{"word/vbaProject.bin": "macro"}),
            "macros_not_allowed",
        ),
        (
            "to-khai.docx",
            lambda: _docx("ms-word.document.macroEnabled.main+xml"),
            "content_mismatch",
        ),
        ("rong.pdf", lambda: b"", "empty_file"),
        ("virus.exe", lambda: b"MZ\x90\x00", "kind_not_allowed"),
        ("khong-co-duoi", _pdf, "kind_not_allowed"),
        ("../../etc/passwd.pdf", _pdf, "invalid_file_name"),
        ("thu-muc\\to-khai.pdf", _pdf, "invalid_file_name"),
        ("to-khai\x00.pdf", _pdf, "invalid_file_name"),
        ("to-khai\u202egpj.pdf", _pdf, "invalid_file_name"),
        ("a" * 252 + ".pdf", _pdf, "invalid_file_name"),
    ],
)
def test_bad_uploads_are_refused_with_a_code(
    name: str, make: Callable[[], bytes], code: str
) -> None:
    # given a file that must not be accepted
    upload = _upload(name, make())
    # when inspected
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file=upload)
    # then the refusal says why, in both languages
    assert refused.value.code == code
    assert refused.value.message_vi
    assert refused.value.message_en


def test_an_oversized_file_is_refused_without_reading_it_all() -> None:
    # given a 5 MiB file and a 1 MiB limit, read through a stream that counts what it gives
    stream = _CountingStream(b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024))
    # when inspected
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file=File(stream, name="lon.pdf"), max_bytes=1024 * 1024)
    # then it is refused as too large, having read little more than the limit
    assert refused.value.code == "file_too_large"
    assert "1 MB" in refused.value.message_en
    assert stream.delivered <= 1024 * 1024 + CHUNK_BYTES


def test_a_large_file_is_hashed_in_chunks_never_read_whole() -> None:
    # given a 3 MiB PDF (a real one followed by padding and its end-of-file trailer again)
    content = _pdf()
    padded = content + b"\n" * (3 * 1024 * 1024) + content[-30:]
    stream = _CountingStream(padded)
    # when inspected
    inspected = inspect_upload(file=File(stream, name="lon.pdf"))
    # then every read asked for one chunk at most, and the hash covers all the bytes
    assert max(stream.requests) <= CHUNK_BYTES
    assert inspected.sha256 == hashlib.sha256(padded).hexdigest()


def test_a_kind_outside_the_allowed_ones_is_refused() -> None:
    # given a PDF where only images are accepted
    upload = _upload("to-khai.pdf", _pdf())
    # when inspected
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file=upload, allowed_kinds=IMAGE_KINDS)
    # then the message names the kinds accepted
    assert refused.value.code == "kind_not_allowed"
    assert refused.value.message_en == "Only JPEG, PNG files are accepted."


def test_the_name_is_returned_in_nfc() -> None:
    # given a name typed with combining accents (NFD)
    name = unicodedata.normalize("NFD", "Giấy khai sinh.pdf")
    # when inspected
    inspected = inspect_upload(file=_upload(name, _pdf()))
    # then the name is composed
    assert inspected.original_name_nfc == "Giấy khai sinh.pdf"
    assert unicodedata.is_normalized("NFC", inspected.original_name_nfc)


def test_the_refusal_message_follows_the_active_language() -> None:
    # given a refusal
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(file=_upload("rong.pdf", b""))
    # when read in Vietnamese and in English
    # then each language gets its own message
    with translation.override("vi"):
        assert refused.value.message == "Tệp rỗng, không có nội dung."
    with translation.override("en"):
        assert refused.value.message == "The file is empty."


def test_an_uploaded_file_is_left_at_its_start_for_storing() -> None:
    # given an upload as Django hands it to a view
    upload = SimpleUploadedFile("to-khai.pdf", _pdf(), content_type="application/octet-stream")
    # when inspected
    inspect_upload(file=upload)
    # then reading it again gives the whole file
    assert upload.read(5) == b"%PDF-"


def test_stored_files_are_named_by_their_hash_and_stored_once() -> None:
    # given an inspected file and an empty storage
    storage = InMemoryStorage()
    content = _pdf()
    upload = _upload("to-khai.pdf", content)
    inspected = inspect_upload(file=upload)
    # when it is stored twice in the same folder
    first = store_upload(file=upload, inspected=inspected, folder="dossiers/0001", storage=storage)
    second = store_upload(file=upload, inspected=inspected, folder="dossiers/0001", storage=storage)
    # then one copy exists under its hash, with the same bytes
    assert first == second == f"dossiers/0001/{inspected.sha256}.pdf"
    assert storage.listdir("dossiers/0001") == ([], [f"{inspected.sha256}.pdf"])
    with storage.open(first) as stored:
        assert stored.read() == content


@pytest.mark.parametrize("folder", ["", "/", "../outside", "dossiers/../../etc", "a//b"])
def test_a_storage_folder_may_not_climb_out_of_the_root(folder: str) -> None:
    upload = _upload("to-khai.pdf", _pdf())
    inspected = inspect_upload(file=upload)
    with pytest.raises(ValueError, match="not a storage folder"):
        store_upload(file=upload, inspected=inspected, folder=folder, storage=InMemoryStorage())


class _CountingStream(io.BytesIO):
    """A stream that records how many bytes each read asked for and how many it delivered."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.requests: list[int] = []
        self.delivered = 0

    def read(self, size: int | None = -1) -> bytes:
        self.requests.append(size if size is not None and size >= 0 else 1 << 62)
        data = super().read(size)
        self.delivered += len(data)
        return data
