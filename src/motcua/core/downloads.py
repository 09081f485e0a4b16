"""Files handed to a browser or an API client as attachments."""

from typing import Any

from django.http import FileResponse


def attachment(*, file: Any, filename: str, content_type: str) -> FileResponse:
    """A stored file (a Django `File`, opened here) as an attachment named `filename`.

    Django writes the name both plainly (ASCII, quoted) and RFC 5987-encoded (UTF-8), so a
    Vietnamese name survives; the caller makes the name safe (no separators or quotes).
    `nosniff` keeps browsers from reading a document as something else than its checked type.
    """
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
