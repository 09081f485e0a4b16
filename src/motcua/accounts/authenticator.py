"""What a person needs to add motcua to an authenticator app: a QR code and the secret."""

from base64 import b32encode

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def qr_code_svg(*, device: TOTPDevice) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code, drawn on the server."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=5, border=2, title=_("QR code for the authenticator app"))
    # Safe: segno writes the markup and escapes the title; no user input goes into it.
    return mark_safe(svg)


def secret_in_groups(*, device: TOTPDevice) -> str:
    """The secret in base32, in groups of four letters, for typing in by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
