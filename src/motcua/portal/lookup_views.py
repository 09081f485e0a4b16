"""The public lookup: /tra-cuu/ (code + secret or phone digits) and /tra-cuu/<code>?s= (QR).

No personal data is shown. An unknown code and a wrong secret get the same page, status and
work (`dossiers.public_lookup`); lookups are limited per address and per code.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.core.rate_limits import client_address
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.public_lookup import LookupLimited, PublicStatus, look_up_dossier
from motcua.portal.lookup_forms import LookupForm


def answer_lookup(
    request: HttpRequest,
    *,
    form: LookupForm,
    form_template: str,
    result_template: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Validate the form, look the dossier up and render the result or the refusal."""
    context: dict[str, Any] = {"form": form, **(extra or {})}
    if not form.is_valid():
        return render(request, form_template, context, status=400)
    try:
        status = look_up_dossier(
            code=form.cleaned_data["code"],
            secret=form.cleaned_data.get("secret") or "",
            phone_digits=form.cleaned_data.get("phone_digits") or "",
            address=client_address(request),
        )
    except LookupLimited as error:
        return render(request, form_template, {**context, "refusal": error.message}, status=429)
    except DossierNotFound as error:
        return render(request, form_template, {**context, "refusal": error.message}, status=404)
    return render(request, result_template, {**context, "dossier": status, **result_extra(status)})


def result_extra(status: PublicStatus) -> dict[str, Any]:
    return {"result_ready": status.result_ready}


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form; posted, the dossier's public status (the secret stays out of the URL)."""
    if request.method != "POST":
        form = LookupForm(initial={"code": request.GET.get("code", "")[:200]})
        return render(request, "portal/lookup_form.html", {"form": form})
    return answer_lookup(
        request,
        form=LookupForm(request.POST),
        form_template="portal/lookup_form.html",
        result_template="portal/lookup_result.html",
    )


@require_http_methods(["GET"])
def lookup_from_receipt(request: HttpRequest, code: str) -> HttpResponse:
    """The address in the receipt's QR code: the code in the path, the secret in `s`."""
    form = LookupForm({"code": code, "secret": request.GET.get("s", "")})
    return answer_lookup(
        request,
        form=form,
        form_template="portal/lookup_form.html",
        result_template="portal/lookup_result.html",
    )
