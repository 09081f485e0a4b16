"""Users and API tokens in the admin site.

Changes made to a user here are audited (which fields, never their values). API tokens are
issued only by `motcua token create`, which prints the token once; here they can be seen and
revoked.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.accounts.errors import TokenAlreadyRevoked
from motcua.accounts.models import ApiToken, User
from motcua.accounts.services import revoke_api_token
from motcua.audit.services import record_audit


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def mask_national_id(value: str) -> str:
    """Show only the last three digits of an ID number: "*********789"."""
    if not value:
        return ""
    if len(value) <= 6:
        return "***"
    return "*" * (len(value) - 3) + value[-3:]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password", "kind")}),
        (
            _("Person or organisation"),
            {
                "fields": (
                    "full_name",
                    "email",
                    "national_id",
                    "phone",
                    "tax_code",
                    "organization_name",
                    "external_subject",
                )
            },
        ),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "kind",
                    "full_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ["username", "full_name", "kind", "masked_national_id", "is_staff", "is_active"]
    list_filter = ["kind", "is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["username"]

    @admin.display(description=_("ID number"))
    def masked_national_id(self, obj: User) -> str:
        return mask_national_id(obj.national_id)

    def save_model(
        self, request: HttpRequest, obj: User, form: "ModelForm[User]", change: bool
    ) -> None:
        # The admin's add and change views already run in a transaction.
        super().save_model(request, obj, form, change)
        changed = sorted(name for name in form.changed_data if "password" not in name)
        record_audit(
            actor=_actor(request),
            action="account.changed_in_admin" if change else "account.created_in_admin",
            target=obj,
            after={"fields": changed},
        )

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        with transaction.atomic():
            record_audit(actor=_actor(request), action="account.deleted_in_admin", target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        with transaction.atomic():
            for user in queryset:
                record_audit(actor=_actor(request), action="account.deleted_in_admin", target=user)
            super().delete_queryset(request, queryset)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, id)
                if user is not None:
                    record_audit(
                        actor=_actor(request),
                        action="account.password_set_in_admin",
                        target=user,
                        after={"fields": ["password"]},
                    )
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "name",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.change_apitoken")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset:
            try:
                revoke_api_token(actor=_actor(request), token=token)
            except TokenAlreadyRevoked:
                continue
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
