"""Administration of the organisation: units, agencies, centres, departments, positions, roles.

Names are searched without regard to accents ("khanh hoa" finds "Khánh Hòa"). Role
assignments go through the services (audit trail, events) and are ended, never deleted.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold
from motcua.organizations.errors import OrganizationError
from motcua.organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Agency,
    OrgUnit,
    Position,
    RoleAssignment,
    ServiceCentre,
)
from motcua.organizations.services import (
    assign_role,
    end_role_assignment,
    may_manage_roles,
    validate_role_assignment,
)


class FoldedNameSearch(admin.ModelAdmin):
    """Adds an accent-insensitive match on `name_folded` to the admin's search."""

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(name_folded__contains=word)
            results = results | folded
        return results, may_have_duplicates


@admin.register(AdministrativeLevel)
class AdministrativeLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rank", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedNameSearch):
    list_display = [
        "code",
        "name",
        "division_type",
        "level",
        "parent",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["level", "division_type", "effective_from", "effective_to"]
    list_select_related = ["level", "parent"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "predecessors"]
    ordering = ["level__rank", "code", "effective_from"]


@admin.register(Agency)
class AgencyAdmin(FoldedNameSearch):
    list_display = ["code", "name", "short_name", "kind", "level", "unit", "parent"]
    list_filter = ["kind", "level"]
    list_select_related = ["level", "unit", "parent"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["unit", "parent", "predecessors"]


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency", "level", "unit", "is_active"]
    list_filter = ["level", "is_active"]
    list_select_related = ["agency", "level", "unit"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["agency", "unit"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "agency", "parent", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["agency", "parent__agency"]
    search_fields = ["code", "name", "agency__name", "agency__code"]
    autocomplete_fields = ["agency", "parent"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_leadership"]
    list_filter = ["is_leadership"]
    search_fields = ["code", "name"]


# What an assignment is; only its last day (`valid_to`) may change once it is saved.
ASSIGNMENT_FIELDS = [
    "user",
    "role",
    "agency",
    "org_unit",
    "service_centre",
    "position",
    "valid_from",
]


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = [*ASSIGNMENT_FIELDS, "valid_to"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None:
            try:
                validate_role_assignment(
                    user=data.get("user"),
                    role=data.get("role", ""),
                    agency=data.get("agency"),
                    org_unit=data.get("org_unit"),
                    service_centre=data.get("service_centre"),
                    valid_from=data.get("valid_from"),
                    valid_to=data.get("valid_to"),
                )
            except OrganizationError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        elif data.get("valid_to") is None:
            self.add_error("valid_to", _("Enter the last day of the assignment."))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleAssignmentForm
    list_display = [
        "user",
        "role",
        "agency",
        "org_unit",
        "service_centre",
        "position",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["role", "valid_to"]
    list_select_related = ["user", "agency", "org_unit__agency", "service_centre", "position"]
    search_fields = ["user__username", "user__full_name", "agency__name", "service_centre__name"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["agency", "org_unit", "service_centre", "position"]

    def get_readonly_fields(self, request: HttpRequest, obj: RoleAssignment | None = None) -> Any:
        if obj is None:
            return []
        # An assignment is history: only its end may change afterwards.
        return ASSIGNMENT_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_manage_roles(request.user)

    def has_change_permission(
        self, request: HttpRequest, obj: RoleAssignment | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) and may_manage_roles(request.user)

    def has_delete_permission(
        self, request: HttpRequest, obj: RoleAssignment | None = None
    ) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        if change:
            assert obj.valid_to is not None  # the form requires it
            end_role_assignment(administrator=request.user, assignment=obj, valid_to=obj.valid_to)
            return
        created = assign_role(
            administrator=request.user,
            user=obj.user,
            role=obj.role,
            agency=obj.agency,
            org_unit=obj.org_unit,
            service_centre=obj.service_centre,
            position=obj.position,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
        )
        obj.pk = created.pk
