"""The folded form of procedure names that search compares against."""

import re

from motcua.core.text import fold

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
# The Icelandic eth looks like "Đ" and is sometimes typed for it; unaccent maps it to "d" too.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})


def fold_for_search(value: str) -> str:
    """Return lower-case ASCII words separated by one space.

    "Đăng ký đất đai, tài sản" -> "dang ky dat dai tai san". Punctuation goes so that a phrase
    typed without commas still matches.
    """
    return _NOT_ALPHANUMERIC.sub(" ", fold(value.translate(_ETH))).strip()


def search_words(value: str) -> list[str]:
    """The distinct words of a query, folded, in the order typed."""
    return list(dict.fromkeys(fold_for_search(value).split()))
