from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from motcua.catalog import queries
from motcua.catalog.choices import PublishedPart
from motcua.catalog.exchange_validation import PROCEDURE_CODE
from motcua.catalog.models import ProcedureVersion
from motcua.portal.forms import ProcedureSearchForm

PROCEDURES_PER_PAGE = 20


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def procedure_list(request: HttpRequest) -> HttpResponse:
    """Browse and search the procedures in force; htmx requests get the results alone."""
    form = ProcedureSearchForm(
        request.GET or None,
        sectors=list(queries.list_sectors()),
        levels=list(queries.list_levels()),
        agencies=list(queries.list_catalog_agencies()),
    )
    if form.is_bound:
        form.is_valid()
    versions = queries.list_procedures(**form.filters())
    page = Paginator(versions, PROCEDURES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = (
        "portal/procedure_results.html"
        if getattr(request, "htmx", False)
        else "portal/procedure_list.html"
    )
    return render(request, template, context)


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The procedure in force with the seven parts publication requires."""
    if not PROCEDURE_CODE.match(code):
        raise Http404
    try:
        version = queries.get_procedure_page(code=code)
    except ProcedureVersion.DoesNotExist:
        raise Http404 from None
    missing = set(version.missing_parts)
    parts = [(part.value, part.label, part.value in missing) for part in PublishedPart]
    return render(request, "portal/procedure_detail.html", {"version": version, "parts": parts})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico of every site: send them to the bundled icon, not a 404."""
    return HttpResponsePermanentRedirect(static("motcua/favicon.svg"))
