"""Events the catalog publishes (delivered after the transaction commits)."""

from dataclasses import dataclass

from motcua.core.events import Event


@dataclass(frozen=True, kw_only=True)
class CatalogImported(Event):
    """An import wrote new procedures or new versions; `procedure_codes` names them."""

    catalog_import_id: int
    procedure_codes: tuple[str, ...]
