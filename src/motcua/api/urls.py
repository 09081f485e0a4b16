"""The REST API under /api/v1: one NinjaAPI, one router per area (each in its own module)."""

from ninja import NinjaAPI

from motcua.api import (
    accounts,
    calendar,
    catalog,
    dossiers,
    indicators,
    lookup,
    organizations,
    payments,
    results,
    work,
)
from motcua.api.errors import install_error_handlers

api = NinjaAPI(
    title="motcua API",
    version="1",
    description="Administrative procedures of the province: catalog, deadlines, dossiers.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", catalog.router)
api.add_router("", organizations.router)
api.add_router("", calendar.router)
api.add_router("", accounts.router)
# Before the dossiers' router: its `POST /dossiers/{code}/{act}` would take
# `/dossiers/{code}/result.pdf` first.
api.add_router("", results.router)
# Before the dossier router: its `/dossiers/{code}` would take `/dossiers/register.pdf`.
api.add_router("", work.router)
api.add_router("", dossiers.router)
api.add_router("", payments.router)
api.add_router("", lookup.router)
api.add_router("", indicators.router)
