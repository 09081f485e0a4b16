"""Administration pages, read-only: results come from services, keys from `motcua signing`."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.results.models import (
    EResult,
    ResultDraft,
    ResultTemplate,
    RevocationList,
    SigningCredential,
    TrustAnchor,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by services only: shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EResult)
class EResultAdmin(ReadOnlyAdmin):
    list_display = [
        "verification_code",
        "title",
        "type_code",
        "version",
        "signer_name",
        "issued_at",
    ]
    list_filter = ["type_code"]
    search_fields = ["verification_code", "dossier__code", "title"]
    date_hierarchy = "issued_at"


@admin.register(ResultDraft)
class ResultDraftAdmin(ReadOnlyAdmin):
    list_display = ["title", "dossier", "source", "status", "drafted_at"]
    list_filter = ["status", "source"]


@admin.register(ResultTemplate)
class ResultTemplateAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "result_type_code", "effective_from"]


@admin.register(SigningCredential)
class SigningCredentialAdmin(ReadOnlyAdmin):
    list_display = ["label", "purpose", "key_format", "not_after", "is_test", "withdrawn_at"]
    list_filter = ["purpose", "is_test"]
    # The encrypted key is never shown, even encrypted.
    exclude = ["encrypted_key"]


@admin.register(TrustAnchor)
class TrustAnchorAdmin(ReadOnlyAdmin):
    list_display = ["name", "fingerprint_sha256", "not_after", "is_test", "is_active"]


@admin.register(RevocationList)
class RevocationListAdmin(ReadOnlyAdmin):
    list_display = ["issuer_name", "this_update", "next_update", "revoked_count"]
    exclude = ["crl_der"]
