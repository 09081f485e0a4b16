"""Rating a dossier's handling (Decree 118/2025 Art. 33) from the portal or the e-mail's link.

Three ways in, one form: the signed-in applicant's own dossier (`/danh-gia/ho-so/<code>/`),
the signed single-use link of the return e-mail (`/danh-gia/<token>/`), and the kiosk after a
lookup with the secret (`kiosk_views`). `surveys.services.rate_dossier` records the rating.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.rating_links import read_rating_link_token
from motcua.portal.lookup_forms import RatingForm
from motcua.surveys import queries
from motcua.surveys.choices import RatingChannel
from motcua.surveys.errors import AlreadyRated, InvalidRating, NotYetRateable
from motcua.surveys.services import rate_dossier


def rating_page(
    request: HttpRequest,
    *,
    dossier: Dossier,
    channel: str,
    base_template: str = "base.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The rating form of `dossier`; posted, the rating is recorded and thanked for."""
    context: dict[str, Any] = {
        "dossier_code": dossier.code,
        "base_template": base_template,
        **(extra or {}),
    }
    if queries.exists_rating(dossier_id=dossier.pk):
        return render(request, "portal/rating_closed.html", {**context, "reason": "rated"})
    if not queries.is_rateable(dossier):
        return render(
            request, "portal/rating_closed.html", {**context, "reason": "not_yet"}, status=409
        )
    if request.method != "POST":
        return render(request, "portal/rating_form.html", {**context, "form": RatingForm()})
    form = RatingForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/rating_form.html", {**context, "form": form}, status=400)
    user = request.user if request.user.is_authenticated else None
    try:
        rate_dossier(
            dossier=dossier,
            answers=form.answers(),
            comment=form.cleaned_data.get("comment") or "",
            channel=channel,
            applicant=user,
        )
    except AlreadyRated:
        return render(request, "portal/rating_closed.html", {**context, "reason": "rated"})
    except NotYetRateable:
        return render(
            request, "portal/rating_closed.html", {**context, "reason": "not_yet"}, status=409
        )
    except InvalidRating as error:
        form.add_error(None, error.message)
        return render(request, "portal/rating_form.html", {**context, "form": form}, status=400)
    return render(request, "portal/rating_done.html", context)


@require_http_methods(["GET", "POST"])
def rate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the return e-mail: signed, naming one dossier; dead once the dossier is
    rated or after 90 days."""
    try:
        dossier_id, _code = read_rating_link_token(token)
        dossier = queries.get_dossier_to_rate(dossier_id=dossier_id)
    except (signing.BadSignature, DossierNotFound):
        return render(request, "portal/rating_link_invalid.html", status=404)
    return rating_page(request, dossier=dossier, channel=RatingChannel.NOTIFICATION_LINK)


@login_required
@require_http_methods(["GET", "POST"])
def rate_own_dossier(request: HttpRequest, code: str) -> HttpResponse:
    """From "my dossiers": the signed-in applicant rates one of their own dossiers."""
    try:
        dossier = queries.get_dossier_to_rate_for_applicant(applicant=request.user, code=code)
    except DossierNotFound:
        return render(request, "portal/rating_link_invalid.html", status=404)
    return rating_page(request, dossier=dossier, channel=RatingChannel.PORTAL)
