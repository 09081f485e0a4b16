"""Demo data for this app (see motcua.demo.steps): the demo procedure catalog."""

from collections.abc import Callable
from pathlib import Path

from motcua.catalog.exchange_format import CatalogFormatError
from motcua.catalog.services import import_catalog
from motcua.organizations.models import AdministrativeLevel

DEMO_CATALOG = Path(__file__).resolve().parent / "data" / "demo_catalog.json"

# The organisation's demo creates these levels first; they are ensured here too so that the
# catalog loads on a database holding no organisation data yet.
STANDARD_LEVELS = [
    ("province", "Cấp tỉnh", 1, True),
    ("district", "Cấp huyện", 2, False),
    ("commune", "Cấp xã", 3, True),
]


def load(*, out: Callable[[str], None], path: Path = DEMO_CATALOG) -> None:
    """Import the demo catalog; idempotent (a second run finds every procedure unchanged).

    Without the data file, print a note and do nothing. Raises CatalogFormatError when the
    file is not a valid catalog, after printing its problems.
    """
    if not path.exists():
        out(f"catalog: no demo catalog at {path.name}; skipped")
        return
    for code, name, rank, is_active in STANDARD_LEVELS:
        AdministrativeLevel.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "is_active": is_active}
        )
    try:
        report = import_catalog(raw=path.read_bytes(), source_name=path.name)
    except CatalogFormatError as error:
        for problem in error.problems:
            out(f"catalog: {problem}")
        raise
    out(
        f"catalog: {report.procedures_total} demo procedures "
        f"({report.procedures_created} new, {report.versions_created} changed)"
    )
