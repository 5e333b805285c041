from django.contrib import admin

from orders.models import DiscountLimit, Order, OrderLine, Quote, QuoteLine, TaxRate


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ("country", "rate", "valid_from")
    list_filter = ("country",)


@admin.register(DiscountLimit)
class DiscountLimitAdmin(admin.ModelAdmin):
    list_display = ("tier", "max_percent")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class QuoteLineInline(ReadOnlyInline):
    model = QuoteLine


class OrderLineInline(ReadOnlyInline):
    model = OrderLine


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """Read-only: quotes change through the dealer's actions, which keep versions and events."""

    list_display = ("id", "dealer", "customer", "status", "version", "total", "currency", "valid_until")
    list_filter = ("status",)
    search_fields = ("customer__name", "dealer__code")
    inlines = [QuoteLineInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders move through their actions, which write milestones and touch units."""

    list_display = ("id", "kind", "dealer", "customer", "status", "total", "currency", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("customer__name", "dealer__code", "tracking_token")
    inlines = [OrderLineInline]

    def has_change_permission(self, request, obj=None):
        return False
