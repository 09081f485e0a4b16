"""The applicant's own dossiers.

GET      /ho-so-cua-toi/                    list with status and due moment, and open drafts
GET      /ho-so-cua-toi/<code>/             one dossier: facts, documents, timeline, acts
POST     /ho-so-cua-toi/<code>/bo-sung/     answer a supplement request with the asked-for files
GET/POST /ho-so-cua-toi/<code>/rut/         withdraw (Art. 21; confirmation page first)
POST     /ho-so-cua-toi/<code>/thanh-toan/  pay what a dossier awaiting payment asks

Only the dossiers the applicant submitted online are reachable; another's is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.core.files import File
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.applications import queries, services
from motcua.applications.errors import ApplicationError
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.payments.errors import PaymentError
from motcua.portal.application_access import applicant_of, applicant_page
from motcua.portal.application_views import FILE_FIELD_PREFIX, _gateway_redirect
from motcua.results.errors import ResultNotFound
from motcua.results.queries import get_dossier_result_for
from motcua.surveys.queries import exists_rating

DOSSIERS_PER_PAGE = 50
WITHDRAWABLE = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.AWAITING_SUPPLEMENT,
        DossierStatus.AWAITING_PAYMENT,
    }
)


def _dossier(request: HttpRequest, code: str) -> Dossier:
    try:
        return queries.get_dossier_for_applicant(applicant=applicant_of(request), code=code)
    except DossierNotFound:
        raise Http404 from None


@applicant_page
@require_GET
def dossier_list(request: HttpRequest) -> HttpResponse:
    applicant = applicant_of(request)
    dossiers = queries.list_dossiers_for_applicant(applicant=applicant)
    page = Paginator(dossiers, DOSSIERS_PER_PAGE).get_page(request.GET.get("page"))
    drafts = list(queries.list_open_drafts(applicant=applicant)[:20])
    return render(request, "portal/my_dossiers.html", {"page": page, "drafts": drafts})


def _has_signed_result(request: HttpRequest, dossier: Dossier) -> bool:
    if dossier.status not in (DossierStatus.RESULT_READY, DossierStatus.RETURNED):
        return False
    try:
        get_dossier_result_for(user=request.user, dossier_code=dossier.code)
    except ResultNotFound:
        return False
    return True


def _detail(
    request: HttpRequest, dossier: Dossier, *, error: str = "", status: int = 200
) -> HttpResponse:
    returned = dossier.status == DossierStatus.RETURNED
    rated = returned and exists_rating(dossier_id=dossier.pk)
    return render(
        request,
        "portal/my_dossier.html",
        {
            "dossier": dossier,
            "timeline": queries.list_applicant_timeline(dossier=dossier),
            "documents": list(dossier.documents.all()),
            "requirements": list(dossier.variant.required_documents.all()),
            "awaiting_supplement": dossier.status == DossierStatus.AWAITING_SUPPLEMENT,
            "awaiting_payment": dossier.status == DossierStatus.AWAITING_PAYMENT,
            "may_withdraw": dossier.status in WITHDRAWABLE,
            "has_result": _has_signed_result(request, dossier),
            # Decree 118/2025 Art. 33: one rating per dossier; once given, the link gives way.
            "may_rate": returned and not rated,
            "rated": rated,
            "file_prefix": FILE_FIELD_PREFIX,
            "error": error,
        },
        status=status,
    )


@applicant_page
@require_GET
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _dossier(request, code))


@applicant_page
@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    files: dict[str, File] = {}
    for name in request.FILES:
        file = request.FILES[name]
        if name.startswith(FILE_FIELD_PREFIX) and isinstance(file, File):
            files[name.removeprefix(FILE_FIELD_PREFIX)] = file
    try:
        services.supplement_dossier(applicant=applicant_of(request), dossier=dossier, files=files)
    except ApplicationError as refusal:
        return _detail(request, _dossier(request, code), error=refusal.message, status=422)
    messages.success(request, _("Your supplement was handed in."))
    return redirect("portal:my-dossier", code=code)


@applicant_page
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    error = ""
    if request.method == "POST":
        try:
            services.withdraw_application(
                applicant=applicant_of(request),
                dossier=dossier,
                reason=request.POST.get("reason", ""),
            )
        except ApplicationError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Your dossier is withdrawn."))
            return redirect("portal:my-dossier", code=code)
    return render(
        request,
        "portal/my_dossier_withdraw.html",
        {"dossier": dossier, "error": error, "reason": request.POST.get("reason", "")},
        status=422 if error else 200,
    )


@applicant_page
@require_POST
def pay(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    try:
        order = services.start_dossier_payment(
            applicant=applicant_of(request), dossier=dossier, gateway=settings.PAYMENT_GATEWAY
        )
    except (ApplicationError, PaymentError) as refusal:
        messages.error(request, str(refusal.message))
        return redirect("portal:my-dossier", code=code)
    return _gateway_redirect(request, order)
