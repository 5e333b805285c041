from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vehicles.models import Option, ProductLine, ProductModel, RepairOrder, ServiceContract, Unit, WarrantyClaim


@admin.register(ProductLine)
class ProductLineAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "active")
    search_fields = ("code", "name")


@admin.register(ProductModel)
class ProductModelAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "product_line", "kind", "list_price", "currency", "warranty_months", "active")
    list_filter = ("product_line", "kind", "active")
    search_fields = ("code", "name")


@admin.register(Option)
class OptionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "model", "price", "currency", "active")
    list_filter = ("active",)
    search_fields = ("code", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Units and the service bay change only through their services (which keep the history);
    HQ administrators read them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("serial", "kind", "model", "status", "dealer", "owner", "warranty_end")
    list_filter = ("status", "kind")
    search_fields = ("serial", "owner__name")


@admin.register(RepairOrder)
class RepairOrderAdmin(ReadOnlyAdmin):
    list_display = ("reference", "unit", "dealer", "status", "failure_date", "total")
    list_filter = ("status",)
    search_fields = ("unit__serial",)


@admin.register(WarrantyClaim)
class WarrantyClaimAdmin(ReadOnlyAdmin):
    list_display = ("reference", "dealer", "unit", "status", "amount_claimed", "amount_approved")
    list_filter = ("status",)


@admin.register(ServiceContract)
class ServiceContractAdmin(ReadOnlyAdmin):
    list_display = ("unit", "kind", "starts_on", "ends_on", "covers")
