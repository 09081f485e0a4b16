"""PDF documents: a Django template rendered to HTML, then laid out by WeasyPrint.

Every document shares one A4 stylesheet in the format of Decree 30/2020/NĐ-CP
(`document.css` beside this module). Rendering never reaches the network: the URL fetcher
accepts `data:` URIs (QR codes, inline images) and files inside this package's assets, nothing
else. The font configuration and the parsed stylesheet are built once per thread and reused,
which keeps a one-page form well under 150 ms.
"""

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import structlog
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

log = structlog.get_logger(__name__)
# WeasyPrint reports each rendering step at INFO; the project logs at INFO by default.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

ASSETS_DIR = Path(__file__).resolve().parent / "pdf_assets"
DOCUMENT_STYLESHEET = ASSETS_DIR / "document.css"


class PdfRenderingError(Exception):
    """The document could not be rendered (a template error, or a resource that was refused)."""


class ResourceRefused(ValueError):
    """A document asked for a resource outside the bundled assets."""


class LocalOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and bundled asset files; refuse every other address."""

    def __init__(self) -> None:
        super().__init__(
            allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True
        )

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(ASSETS_DIR):
                raise ResourceRefused(f"file outside the document assets: {path.name}")
        elif scheme != "data":
            raise ResourceRefused(f"documents may not fetch {scheme}: addresses")
        return super().fetch(url, headers)


@dataclass(frozen=True)
class _Toolkit:
    font_config: FontConfiguration
    stylesheet: CSS
    fetcher: LocalOnlyFetcher


_per_thread = threading.local()


def _toolkit() -> _Toolkit:
    # Font configuration and parsed CSS are costly to build and are not shared across
    # threads (pango and fontconfig objects); one set per thread is reused for every document.
    toolkit: _Toolkit | None = getattr(_per_thread, "toolkit", None)
    if toolkit is None:
        fetcher = LocalOnlyFetcher()
        font_config = FontConfiguration()
        stylesheet = CSS(
            filename=str(DOCUMENT_STYLESHEET), font_config=font_config, url_fetcher=fetcher
        )
        toolkit = _Toolkit(font_config=font_config, stylesheet=stylesheet, fetcher=fetcher)
        _per_thread.toolkit = toolkit
    return toolkit


def render_html_to_pdf(*, html: str) -> bytes:
    """Lay out an HTML document on A4 pages with the shared stylesheet and return the PDF.

    Raises PdfRenderingError when the document asks for a resource that is not local.
    """
    toolkit = _toolkit()
    document = HTML(string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=toolkit.fetcher)
    try:
        pdf = document.write_pdf(stylesheets=[toolkit.stylesheet], font_config=toolkit.font_config)
    except FatalURLFetchingError as error:
        raise PdfRenderingError(str(error.__cause__ or error)) from error
    if pdf is None:  # write_pdf returns None only when given a target
        raise PdfRenderingError("the renderer returned no document")
    return pdf


def render_pdf(*, template: str, context: Mapping[str, Any]) -> bytes:
    """Render a Django template to HTML, then to PDF bytes (A4, Decree 30/2020 format).

    Raises PdfRenderingError when the document asks for a resource that is not local;
    template errors (a missing template, a syntax error) propagate as Django raises them.
    """
    html = render_to_string(template, dict(context))
    pdf = render_html_to_pdf(html=html)
    log.debug("pdf_rendered", template=template, size=len(pdf))
    return pdf
