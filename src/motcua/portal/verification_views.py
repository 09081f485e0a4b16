"""Public verification of signed results: anyone checks a result by its QR address or its file.

The verdict (intact or altered, signer, time, trusted or not, revoked as far as known) comes
from `integrations.signing.verification`; the registered metadata from `results.queries`,
with the holder's ID number masked. Uploads are limited per address and hour.
"""

from typing import Any

import structlog
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.core.rate_limits import allow_request, client_address
from motcua.core.uploads import FileKind, UploadRefused, inspect_upload
from motcua.integrations.signing.verification import Verdict, verify_pdf
from motcua.results.errors import ResultNotFound
from motcua.results.queries import (
    PublicResult,
    find_public_result_by_sha256,
    get_public_result,
    get_result,
    read_result_file,
)

log = structlog.get_logger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
RATE_WINDOW_SECONDS = 3600
VERDICT_CACHE_SECONDS = 300


class VerificationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Signed PDF file"),
        help_text=_("The result file you received (PDF, up to 20 MB). It is not kept."),
    )


def verification_context(
    *, verdict: Verdict, registered: PublicResult | None, stored_matches: bool = True
) -> dict[str, Any]:
    """What the verdict templates show: one state word for the headline, then the details."""
    if not verdict.readable:
        state = "unreadable"
    elif not verdict.signed:
        state = "unsigned"
    elif verdict.intact and stored_matches:
        state = "intact"
    else:
        state = "altered"
    return {
        "verdict": verdict,
        "state": state,
        "registered": registered,
        "stored_matches": stored_matches,
    }


def verification_result(request: HttpRequest, code: str) -> HttpResponse:
    """The page a result's QR code opens: its verdict and registered metadata."""
    try:
        result = get_result(verification_code=code)
    except ResultNotFound:
        return render(request, "portal/verification_unknown.html", {"code": code}, status=404)
    # The QR page is public and verifying costs tens of milliseconds: a verdict is kept for a
    # few minutes (a new trust root or revocation list shows within that time).
    key = f"verdict:{result.verification_code}:{result.sha256}"
    verdict: Verdict | None = cache.get(key)
    if verdict is None:
        verdict = verify_pdf(pdf=read_result_file(result=result))
        cache.set(key, verdict, timeout=VERDICT_CACHE_SECONDS)
    context = verification_context(
        verdict=verdict,
        registered=get_public_result(verification_code=result.verification_code),
        stored_matches=verdict.sha256 == result.sha256,
    )
    return render(request, "portal/verification_result.html", context)


@require_http_methods(["GET", "POST"])
def verify_upload(request: HttpRequest) -> HttpResponse:
    """Upload a signed PDF and get the same verdict as the QR page."""
    if request.method != "POST":
        return render(request, "portal/verification_form.html", {"form": VerificationUploadForm()})
    allowed = allow_request(
        key=f"verify-upload:{client_address(request)}",
        limit=settings.VERIFICATION_UPLOADS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
    )
    if not allowed:
        return render(
            request,
            "portal/verification_form.html",
            {"form": VerificationUploadForm(), "too_many": True},
            status=429,
        )
    form = VerificationUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "portal/verification_form.html", {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        inspected = inspect_upload(
            file=upload, allowed_kinds=frozenset({FileKind.PDF}), max_bytes=MAX_UPLOAD_BYTES
        )
    except UploadRefused as error:
        form.add_error("file", error.message)
        return render(request, "portal/verification_form.html", {"form": form}, status=400)
    pdf = upload.read()
    verdict = verify_pdf(pdf=pdf)
    log.info("verification.upload_checked", intact=verdict.intact, trusted=verdict.trusted)
    context = verification_context(
        verdict=verdict, registered=find_public_result_by_sha256(sha256=inspected.sha256)
    )
    return render(request, "portal/verification_result.html", {**context, "uploaded": True})
