"""The REST API under /api/v1: one NinjaAPI, one router per area (each in its own module)."""

from ninja import NinjaAPI

from motcua.api import (
    accounts,
    calendar,
    catalog,
    dossiers,
    indicators,
    organizations,
    payments,
    results,
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
api.add_router("", dossiers.router)
api.add_router("", payments.router)
api.add_router("", results.router)
api.add_router("", indicators.router)
