"""Payment orders in the admin site: read-only; they change only through the services."""

from django.contrib import admin
from django.http import HttpRequest

from motcua.payments.models import PaymentFeeLine, PaymentOrder


class PaymentFeeLineInline(admin.TabularInline):
    model = PaymentFeeLine
    extra = 0
    can_delete = False
    readonly_fields = ["label", "fee_code", "amount_vnd"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PaymentOrder)
class PaymentOrderAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "amount_vnd",
        "status",
        "channel",
        "gateway",
        "dossier_code",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "channel", "gateway"]
    search_fields = ["reference", "dossier_code", "gateway_transaction_id"]
    list_select_related = ["payer"]
    inlines = [PaymentFeeLineInline]
    readonly_fields = [field.name for field in PaymentOrder._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PaymentOrder | None = None) -> bool:
        return False
