"""The catalog and organisation rows intake reads, kept in memory between intakes.

- Procedure versions are immutable (the catalog adds a new version rather than edit one): a
  version read with everything intake needs is kept for good, keyed by its id and content
  hash. Which version is in force on a day is looked up again after `TTL_SECONDS`.
- Service centres change rarely (opened, renamed, closed): one is kept `TTL_SECONDS`.
Receiving a dossier then reads no catalog or centre row at all in the common case. The
setting `DOSSIERS_CATALOG_CACHE=false` turns the keeping off.
"""

import threading
import time
from datetime import date

from django.conf import settings
from django.db.models import Prefetch

from motcua.catalog.models import ProcedureVersion, ProcessTemplate
from motcua.catalog.queries import in_force_on
from motcua.organizations.models import ServiceCentre

TTL_SECONDS = 60
MAX_KEPT = 2000

_lock = threading.Lock()
_versions: dict[tuple[int, str], ProcedureVersion] = {}
_in_force: dict[tuple[str, date], tuple[float, tuple[int, str] | None]] = {}
_centres: dict[str, tuple[float, ServiceCentre | None]] = {}


def _keeping() -> bool:
    return bool(settings.DOSSIERS_CATALOG_CACHE)


def get_version_for_intake(*, code: str, on: date) -> ProcedureVersion:
    """The version of procedure `code` in force on `on`, with its deciding agency and its
    `variants` (their `required_documents`, `fees`, `process_templates` with `steps`) loaded.

    Raises ProcedureVersion.DoesNotExist.
    """
    key = _version_in_force(code=code, on=on)
    if key is None:
        raise ProcedureVersion.DoesNotExist(code)
    with _lock:
        kept = _versions.get(key) if _keeping() else None
    if kept is not None:
        return kept
    version = (
        ProcedureVersion.objects.select_related("procedure", "deciding_agency__agency")
        .prefetch_related(
            "variants__required_documents",
            "variants__fees",
            Prefetch(
                "variants__process_templates",
                queryset=ProcessTemplate.objects.prefetch_related("steps"),
            ),
        )
        .get(pk=key[0])
    )
    if _keeping():
        with _lock:
            if len(_versions) >= MAX_KEPT:
                _versions.clear()
            _versions[key] = version
    return version


def _version_in_force(*, code: str, on: date) -> tuple[int, str] | None:
    now = time.monotonic()
    with _lock:
        kept = _in_force.get((code, on)) if _keeping() else None
    if kept is not None and kept[0] > now:
        return kept[1]
    found = (
        ProcedureVersion.objects.filter(in_force_on(on=on), procedure__code=code)
        .values_list("pk", "content_hash")
        .first()
    )
    if _keeping():
        with _lock:
            if len(_in_force) >= MAX_KEPT:
                _in_force.clear()
            _in_force[(code, on)] = (now + TTL_SECONDS, found)
    return found


def get_active_centre(*, code: str) -> ServiceCentre | None:
    """The service centre in service with `code` (its agency and the agency's parent loaded)."""
    now = time.monotonic()
    with _lock:
        kept = _centres.get(code) if _keeping() else None
    if kept is not None and kept[0] > now:
        return kept[1]
    centre = (
        ServiceCentre.objects.select_related("agency", "agency__parent", "unit")
        .filter(code=code, is_active=True)
        .first()
    )
    if _keeping():
        with _lock:
            if len(_centres) >= MAX_KEPT:
                _centres.clear()
            _centres[code] = (now + TTL_SECONDS, centre)
    return centre


def forget() -> None:
    """Drop everything kept (tests; after a bulk change of the catalog or the organisation)."""
    with _lock:
        _versions.clear()
        _in_force.clear()
        _centres.clear()
