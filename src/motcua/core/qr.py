"""QR codes as inline images, so documents and pages embed them without fetching anything."""

import segno


def qr_png_data_uri(*, payload: str, scale: int = 8) -> str:
    """Return a `data:image/png` URI of a QR code encoding `payload` (error level M).

    A PNG rather than an SVG: a PDF draws it as one image instead of hundreds of path
    segments, which is several times faster to lay out. Raises ValueError when the payload is
    empty or too long for a QR code.
    """
    if not payload:
        raise ValueError("a QR code needs a payload")
    try:
        code = segno.make_qr(payload, error="m", boost_error=False)
    except segno.DataOverflowError as error:
        raise ValueError(f"payload too long for a QR code ({len(payload)} characters)") from error
    return code.png_data_uri(scale=scale, border=2)
