"""Uploaded files checked by their content, hashed while streamed, stored through Django storage.

`inspect_upload` accepts PDF, JPEG, PNG, DOCX and XLSX and refuses, with a machine code and a
message in Vietnamese and English (`UploadRefused`): empty or oversized files, names with path
separators or control characters, a kind that is not allowed, a name that lies about the content
(an executable called .pdf), a damaged or truncated file, an Office document with macros. The
file is read in chunks: its size, SHA-256 and the bytes needed for the checks are gathered in
one pass, and it is never held in memory whole. `store_upload` then saves it under a name
derived from its hash through the configured storage (filesystem, or S3-compatible).
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils import translation
from PIL import Image, UnidentifiedImageError


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOCX = "docx"
    XLSX = "xlsx"


MIME_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_OF_EXTENSION = {
    ".pdf": FileKind.PDF,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".png": FileKind.PNG,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
}
EXTENSION_OF_KIND = {
    FileKind.PDF: ".pdf",
    FileKind.JPEG: ".jpg",
    FileKind.PNG: ".png",
    FileKind.DOCX: ".docx",
    FileKind.XLSX: ".xlsx",
}
DOCUMENT_KINDS = frozenset(FileKind)
IMAGE_KINDS = frozenset({FileKind.JPEG, FileKind.PNG})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 255
CHUNK_BYTES = 64 * 1024
_HEAD_BYTES = 1024
_TAIL_BYTES = 1024
# An Office file is a ZIP archive: cap what it may unpack to, and how many parts it may hold.
_MAX_UNPACKED_RATIO = 100
_MAX_ARCHIVE_MEMBERS = 10_000
_OOXML_MAIN_TYPES = {
    FileKind.DOCX: (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    FileKind.XLSX: (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_START = b"\xff\xd8\xff"
_JPEG_END = b"\xff\xd9"
_ZIP_START = b"PK\x03\x04"
# Phones save photos as multi-picture JPEG (MPO): still a JPEG to every viewer.
_PILLOW_FORMATS = {FileKind.JPEG: {"JPEG", "MPO"}, FileKind.PNG: {"PNG"}}


class UploadRefused(Exception):
    """An upload that is not accepted; `code` for machines, messages for people."""

    def __init__(
        self, code: str, *, message_vi: str, message_en: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.details = details or {}

    @property
    def message(self) -> str:
        """The message in the active language: Vietnamese, or English for any other language."""
        language = translation.get_language() or "vi"
        return self.message_vi if language.startswith("vi") else self.message_en


@dataclass(frozen=True, kw_only=True)
class InspectedFile:
    """What the content check found: kind and MIME type, size in bytes, SHA-256 (hex)."""

    kind: FileKind
    mime: str
    size: int
    sha256: str
    original_name_nfc: str

    @property
    def extension(self) -> str:
        return EXTENSION_OF_KIND[self.kind]


@dataclass
class _Scan:
    size: int = 0
    head: bytes = b""
    tail: bytes = b""
    digest: Any = field(default_factory=hashlib.sha256)


def inspect_upload(
    *,
    file: File,
    allowed_kinds: frozenset[FileKind] = DOCUMENT_KINDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> InspectedFile:
    """Check an uploaded file by its content and return its kind, size and SHA-256.

    Raises UploadRefused with code `invalid_file_name`, `kind_not_allowed`, `empty_file`,
    `file_too_large`, `content_mismatch`, `damaged_file`, `macros_not_allowed` or
    `image_too_large`. The file is left positioned at its start.
    """
    name = _checked_name(file.name or "")
    declared = _declared_kind(name, allowed_kinds)
    scan = _scan(file, max_bytes=max_bytes)
    found = _sniffed_kind(scan.head, declared=declared)
    if found != declared:
        raise _mismatch(declared, found)
    _check_structure(file, scan, kind=declared)
    file.seek(0)
    return InspectedFile(
        kind=declared,
        mime=MIME_TYPES[declared],
        size=scan.size,
        sha256=scan.digest.hexdigest(),
        original_name_nfc=name,
    )


def store_upload(
    *, file: File, inspected: InspectedFile, folder: str, storage: Storage | None = None
) -> str:
    """Save an inspected file as `<folder>/<sha256><extension>` and return the storage name.

    The same bytes in the same folder are stored once: a second call returns the existing
    name. `storage` defaults to Django's default storage. Raises ValueError for a folder that
    climbs out of the storage root.
    """
    parts = folder.strip("/").split("/")
    if not folder.strip("/") or any(part in {"", ".", ".."} for part in parts):
        raise ValueError(f"not a storage folder: {folder!r}")
    target = storage or storages["default"]
    name = "/".join([*parts, f"{inspected.sha256}{inspected.extension}"])
    if target.exists(name):
        return name
    file.seek(0)
    saved = target.save(name, file)
    file.seek(0)
    return saved


def _refusal(code: str, *, vi: str, en: str, **details: Any) -> UploadRefused:
    return UploadRefused(code, message_vi=vi, message_en=en, details=details)


def _checked_name(raw_name: str) -> str:
    name = unicodedata.normalize("NFC", raw_name).strip()
    bad_character = any(
        char in "/\\" or unicodedata.category(char) in {"Cc", "Cf"} for char in name
    )
    if not name or name in {".", ".."} or bad_character or len(name) > MAX_NAME_LENGTH:
        raise _refusal(
            "invalid_file_name",
            vi=(
                "Tên tệp không hợp lệ: tên không được để trống, dài quá 255 ký tự "
                "hoặc chứa dấu / \\ hay ký tự điều khiển."
            ),
            en=(
                "The file name is not valid: it must not be empty, longer than 255 "
                "characters, or contain / \\ or control characters."
            ),
        )
    return name


def _declared_kind(name: str, allowed_kinds: frozenset[FileKind]) -> FileKind:
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    kind = KIND_OF_EXTENSION.get(extension)
    if kind is None or kind not in allowed_kinds:
        names = ", ".join(sorted(kind.name for kind in allowed_kinds))
        raise _refusal(
            "kind_not_allowed",
            vi=f"Chỉ chấp nhận tệp {names}.",
            en=f"Only {names} files are accepted.",
            allowed=sorted(kind.value for kind in allowed_kinds),
        )
    return kind


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _scan(file: File, *, max_bytes: int) -> _Scan:
    scan = _Scan()
    file.seek(0)
    while chunk := file.read(CHUNK_BYTES):
        scan.size += len(chunk)
        if scan.size > max_bytes:
            raise _refusal(
                "file_too_large",
                vi=f"Tệp vượt quá dung lượng cho phép ({_megabytes(max_bytes)}).",
                en=f"The file is larger than the {_megabytes(max_bytes)} allowed.",
                max_bytes=max_bytes,
            )
        scan.digest.update(chunk)
        if len(scan.head) < _HEAD_BYTES:
            scan.head += chunk[: _HEAD_BYTES - len(scan.head)]
        scan.tail = (scan.tail + chunk)[-_TAIL_BYTES:]
    if scan.size == 0:
        raise _refusal("empty_file", vi="Tệp rỗng, không có nội dung.", en="The file is empty.")
    return scan


def _damaged(kind: FileKind) -> UploadRefused:
    return _refusal(
        "damaged_file",
        vi=f"Tệp {kind.name} bị hỏng hoặc không đầy đủ.",
        en=f"The {kind.name} file is damaged or incomplete.",
        kind=kind.value,
    )


def _mismatch(declared: FileKind, found: FileKind | None) -> UploadRefused:
    return _refusal(
        "content_mismatch",
        vi=f"Nội dung tệp không phải là {declared.name} như tên tệp cho biết.",
        en=f"The file's content is not {declared.name}, as its name claims.",
        declared=declared.value,
        found=found.value if found else None,
    )


def _sniffed_kind(head: bytes, *, declared: FileKind) -> FileKind | None:
    """The kind the first bytes announce; an Office file is only known to be a ZIP here."""
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(_PNG_SIGNATURE):
        return FileKind.PNG
    if head.startswith(_JPEG_START):
        return FileKind.JPEG
    if head.startswith(_ZIP_START) and declared in _OOXML_MAIN_TYPES:
        return declared
    return None


def _check_structure(file: File, scan: _Scan, *, kind: FileKind) -> None:
    """Check that the file is whole and of the kind announced, not only well started."""
    if kind is FileKind.PDF:
        # A complete PDF ends with its cross-reference pointer and the end-of-file marker.
        if b"startxref" not in scan.tail or b"%%EOF" not in scan.tail:
            raise _damaged(kind)
    elif kind is FileKind.PNG:
        if not scan.tail.endswith(_PNG_END):
            raise _damaged(kind)
        _verify_image(file, kind)
    elif kind is FileKind.JPEG:
        # Encoders may pad after the end-of-image marker; a truncated image has none.
        if _JPEG_END not in scan.tail:
            raise _damaged(kind)
        _verify_image(file, kind)
    else:
        found = _office_kind(file, scan.size, declared=kind)
        if found != kind:
            raise _mismatch(kind, found)


def _verify_image(file: File, kind: FileKind) -> None:
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format not in _PILLOW_FORMATS[kind]:
                raise _damaged(kind)
            image.verify()
    except Image.DecompressionBombError as error:
        raise _refusal(
            "image_too_large",
            vi="Ảnh có số điểm ảnh quá lớn.",
            en="The image has too many pixels.",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _damaged(kind) from error


def _office_kind(file: File, size: int, *, declared: FileKind) -> FileKind | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > _MAX_ARCHIVE_MEMBERS or any(m.flag_bits & 0x1 for m in members):
                raise _damaged(declared)
            if sum(member.file_size for member in members) > size * _MAX_UNPACKED_RATIO:
                raise _damaged(declared)
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _refusal(
                    "macros_not_allowed",
                    vi="Không chấp nhận tài liệu có chứa macro.",
                    en="Documents containing macros are not accepted.",
                )
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError) as error:
        raise _damaged(declared) from error
    for kind, (main_part, main_type) in _OOXML_MAIN_TYPES.items():
        if main_part in names and main_type.encode() in content_types:
            return kind
    return None
