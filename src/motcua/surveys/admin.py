from django.contrib import admin
from django.http import HttpRequest

from motcua.surveys.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """Ratings are read here, never written: they come only from `services.rate_dossier`."""

    list_display = ("dossier", "agency", "channel", "rated_at")
    list_filter = ("channel",)
    date_hierarchy = "rated_at"
    list_select_related = ("dossier", "agency")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
