"""Kiosk mode for the touch screens at the service centres: /kiosk/.

No sign-in, large type and touch targets, and every page returns to the start screen after
`KIOSK_IDLE_SECONDS` without a touch. A USB scanner reading the receipt's QR types the lookup
address (or just the code) into the focused field: both are accepted. After a lookup proved by
the secret, the dossier can be rated (channel "kiosk"). Procedures are browsed through the
catalog's own queries.
"""

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.catalog import queries as catalog_queries
from motcua.catalog.exchange_validation import PROCEDURE_CODE
from motcua.catalog.models import ProcedureVersion
from motcua.core.rate_limits import client_address
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.public_lookup import LookupLimited, look_up_dossier
from motcua.portal.lookup_forms import LookupForm
from motcua.portal.lookup_views import answer_lookup
from motcua.portal.rating_views import rating_page
from motcua.surveys.choices import RatingChannel

KIOSK_BASE = "portal/kiosk/base.html"
PROCEDURES_PER_PAGE = 8
LOOKUP_PATH = "/tra-cuu/"


def kiosk_context(**values: Any) -> dict[str, Any]:
    """What every kiosk page needs besides its own values: the idle time before the reset."""
    return {"kiosk": True, "kiosk_idle_seconds": settings.KIOSK_IDLE_SECONDS, **values}


def split_scanned(text: str) -> tuple[str, str]:
    """The code and the secret from what the field received: a lookup address read from the
    QR code (`…/tra-cuu/<code>?s=<secret>`) or a code typed by hand (no secret)."""
    text = text.strip()
    if LOOKUP_PATH not in text:
        return text, ""
    parts = urlsplit(text)
    code = parts.path.split(LOOKUP_PATH, 1)[1].strip("/")
    secret = parse_qs(parts.query).get("s", [""])[0]
    return code, secret


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/kiosk/home.html", kiosk_context())


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Scan the receipt or type the code (and the secret): the dossier's status."""
    if request.method != "POST":
        return render(request, "portal/kiosk/lookup_form.html", kiosk_context(form=LookupForm()))
    data = request.POST.copy()
    code, scanned_secret = split_scanned(data.get("code", ""))
    data["code"] = code
    if scanned_secret and not data.get("secret"):
        data["secret"] = scanned_secret
    form = LookupForm(data)
    return answer_lookup(
        request,
        form=form,
        form_template="portal/kiosk/lookup_form.html",
        result_template="portal/kiosk/lookup_result.html",
        extra=kiosk_context(secret=data.get("secret", "")),
    )


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Rate a dossier at the kiosk: allowed to whoever holds its code and lookup secret."""
    secret = request.GET.get("s") or request.POST.get("s") or ""
    try:
        status = look_up_dossier(code=code, secret=secret, address=client_address(request))
    except LookupLimited as error:
        return render(
            request, "portal/kiosk/refused.html", kiosk_context(message=error.message), status=429
        )
    except DossierNotFound as error:
        return render(
            request, "portal/kiosk/refused.html", kiosk_context(message=error.message), status=404
        )
    dossier = Dossier.objects.get(pk=status.dossier_id)
    return rating_page(
        request,
        dossier=dossier,
        channel=RatingChannel.KIOSK,
        base_template=KIOSK_BASE,
        extra=kiosk_context(secret=secret),
    )


def procedure_list(request: HttpRequest) -> HttpResponse:
    """Procedures in force, searched accent-insensitively, a few per screen."""
    q = request.GET.get("q", "")[:200]
    versions = catalog_queries.list_procedures(q=q)
    page = Paginator(versions, PROCEDURES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/kiosk/procedure_list.html", kiosk_context(q=q, page=page))


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not PROCEDURE_CODE.match(code):
        raise Http404
    try:
        version = catalog_queries.get_procedure_page(code=code)
    except ProcedureVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "portal/kiosk/procedure_detail.html", kiosk_context(version=version))
