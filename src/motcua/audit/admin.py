"""The audit trail in the admin site: read-only, no adding, changing or deleting."""

from django.contrib import admin
from django.http import HttpRequest

from motcua.audit.chain import HASHED_FIELDS
from motcua.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["sequence", "at", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_type", "object_id", "actor_label"]
    date_hierarchy = "at"
    list_select_related = False
    show_full_result_count = False
    # Every field the hash covers, the actor shown as a link rather than an id.
    readonly_fields = ["actor" if name == "actor_id" else name for name in HASHED_FIELDS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
