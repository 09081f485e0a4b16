"""Vietnamese text: NFC normalisation and accent-insensitive folding for search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize(value: str) -> str:
    """Return the text in NFC with runs of white space collapsed and ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """Return a lower-case, accent-free form for matching: "Đăng Ký" -> "dang ky".

    "đ" has no decomposition in Unicode, so it is mapped to "d" before accents are stripped.
    """
    text = normalize(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.lower()
