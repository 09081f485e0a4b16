"""QR codes as inline images, so documents and pages embed them without fetching anything."""

import segno


def qr_svg_data_uri(*, payload: str, scale: int = 4) -> str:
    """Return a `data:image/svg+xml` URI of a QR code encoding `payload` (error level M).

    Raises ValueError when the payload is empty or too long for a QR code.
    """
    if not payload:
        raise ValueError("a QR code needs a payload")
    try:
        code = segno.make_qr(payload, error="m", boost_error=False)
    except segno.DataOverflowError as error:
        raise ValueError(f"payload too long for a QR code ({len(payload)} characters)") from error
    return code.svg_data_uri(scale=scale, border=2)
