"""Reading the catalog. The catalog is public: these reads need no asking user.

"Current on a day" means the version in force that day: started (`effective_from`), not yet
superseded by a later version (`superseded_on`) and not expired (`effective_to`, inclusive).
"""

from datetime import date
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet, Window

from motcua.catalog.choices import OnlineLevel
from motcua.catalog.models import (
    CatalogAgency,
    ProcedureVariant,
    ProcedureVersion,
    ProcessTemplate,
    Sector,
    VersionAgency,
)
from motcua.catalog.search import rank_by_query
from motcua.core.clock import today
from motcua.organizations.models import AdministrativeLevel


def in_force_on(*, on: date, prefix: str = "") -> Q:
    """The condition "this version is the one in force on `on`" (for versions via `prefix`)."""
    return (
        Q(**{f"{prefix}effective_from__lte": on})
        & (Q(**{f"{prefix}superseded_on__isnull": True}) | Q(**{f"{prefix}superseded_on__gt": on}))
        & (Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on}))
    )


def get_current_version(*, code: str, on: date | None = None) -> ProcedureVersion:
    """The version of procedure `code` in force on `on` (default: today).

    A dossier stores the version it was received under; use this at reception.
    Raises ProcedureVersion.DoesNotExist when the code is unknown or nothing is in force.
    """
    return ProcedureVersion.objects.select_related("procedure", "sector").get(
        in_force_on(on=on or today()), procedure__code=code
    )


def get_version(*, code: str, number: int) -> ProcedureVersion:
    """Version `number` of procedure `code`; raises ProcedureVersion.DoesNotExist."""
    return ProcedureVersion.objects.select_related("procedure", "sector").get(
        procedure__code=code, number=number
    )


def get_procedure_page(
    *, code: str, on: date | None = None, number: int | None = None
) -> ProcedureVersion:
    """A version with everything its public page shows, in a fixed number of queries.

    Version `number` when given, else the one in force on `on` (default today).
    Raises ProcedureVersion.DoesNotExist.
    """
    chosen = Q(number=number) if number is not None else in_force_on(on=on or today())
    return (
        ProcedureVersion.objects.filter(chosen, procedure__code=code)
        .select_related("procedure", "sector", "deciding_agency")
        .prefetch_related(*_CONTENT_PREFETCHES)
        .get()
    )


_CONTENT_PREFETCHES = (
    "competence_levels",
    Prefetch(
        "versionagency_set",
        queryset=VersionAgency.objects.select_related("catalog_agency__agency").order_by(
            "position"
        ),
        to_attr="ordered_agencies",
    ),
    Prefetch(
        "variants",
        queryset=ProcedureVariant.objects.order_by("position").prefetch_related(
            "required_documents",
            "fees",
            Prefetch(
                "process_templates",
                queryset=ProcessTemplate.objects.filter(agency__isnull=True).prefetch_related(
                    "steps"
                ),
                to_attr="published_templates",
            ),
        ),
    ),
)


def list_procedures(
    *,
    q: str = "",
    sector: Sector | None = None,
    level: AdministrativeLevel | None = None,
    agency: CatalogAgency | None = None,
    online_level: OnlineLevel | None = None,
    on: date | None = None,
) -> QuerySet[ProcedureVersion]:
    """Versions in force on `on` (default today), filtered and ranked by `q` (see `search`).

    Without words in `q`, ordered by name. The competence levels come prefetched.
    """
    versions = ProcedureVersion.objects.filter(in_force_on(on=on or today()))
    if sector is not None:
        versions = versions.filter(sector=sector)
    if level is not None:
        versions = versions.filter(competence_levels=level)
    if agency is not None:
        versions = versions.filter(versionagency__catalog_agency=agency)
    if online_level is not None:
        versions = versions.filter(online_level=online_level)
    versions = versions.select_related("procedure", "sector").prefetch_related("competence_levels")
    return rank_by_query(versions, q=q)


def page_of_procedures(
    versions: QuerySet[ProcedureVersion], *, offset: int, limit: int
) -> tuple[list[ProcedureVersion], int]:
    """A page of `versions` and their total, counted in the same query by a window function.

    A second query counts only when the page is empty past the first one.
    """
    page: list[ProcedureVersion] = list(
        versions.annotate(total=Window(Count("pk")))[offset : offset + limit]
    )
    if page:
        return page, cast(Any, page[0]).total
    return [], versions.count() if offset else 0


def search_procedures(*, q: str, on: date | None = None) -> QuerySet[ProcedureVersion]:
    """Versions in force whose name matches `q` accent-insensitively, best match first."""
    return list_procedures(q=q, on=on)


def list_sectors(*, on: date | None = None) -> QuerySet[Sector]:
    """Every sector with `procedure_count`, the number of its procedures in force on `on`."""
    return Sector.objects.annotate(
        procedure_count=Count("versions", filter=in_force_on(on=on or today(), prefix="versions__"))
    ).order_by("name_folded")


def get_sector(*, code: str) -> Sector:
    """Raises Sector.DoesNotExist."""
    return Sector.objects.get(code=code)


def list_levels() -> QuerySet[AdministrativeLevel]:
    """The administrative levels that settle at least one procedure, top tier first."""
    return (
        AdministrativeLevel.objects.filter(procedure_versions__isnull=False)
        .distinct()
        .order_by("rank")
    )


def get_level(*, code: str) -> AdministrativeLevel:
    """Raises AdministrativeLevel.DoesNotExist."""
    return AdministrativeLevel.objects.get(code=code)


def list_catalog_agencies() -> QuerySet[CatalogAgency]:
    """Agencies named as implementing at least one procedure, by name."""
    return CatalogAgency.objects.filter(versionagency__isnull=False).distinct().order_by("slug")


def get_catalog_agency(*, slug: str) -> CatalogAgency:
    """Raises CatalogAgency.DoesNotExist."""
    return CatalogAgency.objects.get(slug=slug)


def list_latest_versions() -> QuerySet[ProcedureVersion]:
    """The latest version of every procedure, with all its content (what an export writes)."""
    return (
        ProcedureVersion.objects.filter(is_latest=True)
        .select_related("procedure", "sector", "deciding_agency")
        .prefetch_related(*_CONTENT_PREFETCHES)
        .order_by("procedure__code")
    )


def count_publication_completeness(*, on: date | None = None) -> tuple[int, int]:
    """(procedures in force showing all seven published parts, procedures in force).

    The two terms of indicator 1.3 of Decision 766/QĐ-TTg.
    """
    counts = ProcedureVersion.objects.filter(in_force_on(on=on or today())).aggregate(
        published=Count("pk"), complete=Count("pk", filter=Q(missing_parts=[]))
    )
    return counts["complete"], counts["published"]
