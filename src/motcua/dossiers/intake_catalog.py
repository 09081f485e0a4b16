"""The catalog as intake reads it: a procedure version with its variants, required documents
and process templates, loaded once per process.

Versions are immutable (the catalog adds a new version rather than edit one), so a version
read with everything intake needs can be kept and reused, keyed by its id and content hash:
receiving a dossier then costs one query to find the version in force instead of seven.
"""

import threading
from datetime import date

from django.conf import settings
from django.db.models import Prefetch

from motcua.catalog.models import ProcedureVersion, ProcessTemplate
from motcua.catalog.queries import in_force_on

_versions: dict[tuple[int, str], ProcedureVersion] = {}
_lock = threading.Lock()
MAX_KEPT = 2000


def get_version_for_intake(*, code: str, on: date) -> ProcedureVersion:
    """The version of procedure `code` in force on `on`, with its deciding agency and its
    `variants` (their `required_documents`, `fees`, `process_templates` with `steps`) loaded.

    Raises ProcedureVersion.DoesNotExist.
    """
    found = (
        ProcedureVersion.objects.filter(in_force_on(on=on), procedure__code=code)
        .values_list("pk", "content_hash")
        .first()
    )
    if found is None:
        raise ProcedureVersion.DoesNotExist(code)
    if settings.DOSSIERS_CATALOG_CACHE:
        with _lock:
            kept = _versions.get(found)
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
        .get(pk=found[0])
    )
    if settings.DOSSIERS_CATALOG_CACHE:
        with _lock:
            if len(_versions) >= MAX_KEPT:
                _versions.clear()
            _versions[found] = version
    return version


def forget_versions() -> None:
    with _lock:
        _versions.clear()
