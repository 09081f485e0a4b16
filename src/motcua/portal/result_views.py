"""The applicant's download of their dossier's signed result.

`/ho-so-cua-toi/<code>/ket-qua.pdf`, for the signed-in applicant of the dossier only.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from motcua.results.errors import ResultNotFound
from motcua.results.queries import get_dossier_result_for, read_result_file


@require_GET
@login_required
def dossier_result(request: HttpRequest, code: str) -> HttpResponse:
    """The signed result of one of the signed-in applicant's dossiers; 404 for anything else
    (another person's dossier, no signed result yet, a staff account)."""
    if getattr(request.user, "is_staff_member", False):
        raise Http404
    try:
        result = get_dossier_result_for(user=request.user, dossier_code=code)
    except ResultNotFound:
        raise Http404 from None
    response = HttpResponse(read_result_file(result=result), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{result.verification_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
