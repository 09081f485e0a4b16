"""The catalog in the Django admin, read-only: the catalog changes by import only.

Every change goes through `services.import_catalog`, which versions procedures and writes the
audit trail; an edit here would bypass both.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.catalog.models import (
    CatalogAgency,
    CatalogImport,
    Fee,
    Procedure,
    ProcedureVariant,
    ProcedureVersion,
    ProcessStep,
    ProcessTemplate,
    RequiredDocument,
    Sector,
)


class ReadOnly:
    """Viewing only: no add, change or delete, whatever the user's permissions."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    show_change_link = True


@admin.register(Sector)
class SectorAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "managing_body"]
    search_fields = ["code", "name_folded", "name"]


@admin.register(CatalogAgency)
class CatalogAgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "agency"]
    list_select_related = ["agency"]
    search_fields = ["name", "slug"]
    list_filter = [("agency", admin.EmptyFieldListFilter)]


class VersionInline(ReadOnlyInline):
    model = ProcedureVersion
    fields = readonly_fields = (
        "number",
        "name",
        "effective_from",
        "effective_to",
        "superseded_on",
        "is_latest",
    )


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdmin):
    list_display = ["code", "created_at"]
    search_fields = ["code", "versions__name_folded"]
    inlines = [VersionInline]


class VariantInline(ReadOnlyInline):
    model = ProcedureVariant
    fields = readonly_fields = (
        "code",
        "name",
        "processing_time_value",
        "processing_time_unit",
        "online_level",
        "boundary_free",
        "postal",
        "supplement_policy",
    )


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "procedure",
        "number",
        "name",
        "sector",
        "online_level",
        "effective_from",
        "effective_to",
        "is_latest",
    ]
    list_select_related = ["procedure", "sector"]
    list_filter = ["sector", "online_level", "is_latest", "competence_levels"]
    search_fields = ["procedure__code", "name_folded", "name"]
    inlines = [VariantInline]


class RequiredDocumentInline(ReadOnlyInline):
    model = RequiredDocument


class FeeInline(ReadOnlyInline):
    model = Fee


@admin.register(ProcedureVariant)
class ProcedureVariantAdmin(ReadOnlyAdmin):
    list_display = ["version", "code", "name", "processing_time_value", "processing_time_unit"]
    list_select_related = ["version__procedure"]
    search_fields = ["version__procedure__code", "code"]
    inlines = [RequiredDocumentInline, FeeInline]


class ProcessStepInline(ReadOnlyInline):
    model = ProcessStep


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(ReadOnlyAdmin):
    list_display = ["variant", "agency"]
    list_select_related = ["variant", "agency"]
    search_fields = ["variant__version__procedure__code"]
    inlines = [ProcessStepInline]


@admin.register(CatalogImport)
class CatalogImportAdmin(ReadOnlyAdmin):
    list_display = [
        "at",
        "source_name",
        "actor",
        "procedures_created",
        "versions_created",
        "procedures_unchanged",
        "sectors_written",
    ]
    list_select_related = ["actor"]
