"""The lookup secret printed on the receipt: with the dossier code, it shows the dossier's status.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn from the
operating system's random source: 31⁸ ≈ 8.5·10¹¹ values, and public lookups are limited per
address, so guessing one is out of reach. People type it as printed, in any case, with or
without spaces or a dash.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_lookup_secret() -> str:
    """A fresh random secret (the default of `Dossier.lookup_secret`)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_lookup_secret(text: str) -> str:
    """The secret as stored, from what someone typed: upper case, spaces and dashes removed."""
    return "".join(text.split()).replace("-", "").upper()[: LENGTH * 2]


def printed_lookup_secret(secret: str) -> str:
    """The secret in two groups of four, easier to read aloud and type ("ABCD-EFGH")."""
    return f"{secret[:4]}-{secret[4:]}" if len(secret) == LENGTH else secret
