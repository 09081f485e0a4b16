"""The public disclosure page: how often each agency and commune resolves dossiers on time.

No sign-in, no personal data: figures come from the roll-up facts for the current year and
are kept in the cache for `DISCLOSURE_CACHE_SECONDS` (an hour), so a crowd of visitors costs
a few small queries an hour; satisfaction comes from the year's ratings (`reports.disclosure`).
"""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.core.clock import today
from motcua.reports.disclosure import PublicRow, list_public_rows

DISCLOSURE_CACHE_SECONDS = 3600


def _rates(year: int) -> dict[str, list[PublicRow]]:
    key = f"reports:disclosure:{year}"
    cached = cache.get(key)
    if cached is None:
        cached = {
            "agencies": list_public_rows(year=year, grouping="agency"),
            "units": list_public_rows(year=year, grouping="unit"),
        }
        cache.set(key, cached, DISCLOSURE_CACHE_SECONDS)
    return cached


@require_GET
def disclosure(request: HttpRequest) -> HttpResponse:
    """On-time rate and satisfaction per agency and per receiving commune or province for this
    year."""
    day = today()
    rates = _rates(day.year)
    context = {"year": day.year, "as_of": day, **rates}
    response = render(request, "portal/disclosure.html", context)
    response["Cache-Control"] = f"public, max-age={DISCLOSURE_CACHE_SECONDS // 4}"
    return response
