from django.contrib import admin

from settlements.models import CommissionRule, DealerTarget, IncentiveProgram, SettlementLine, Statement, TierThreshold


@admin.register(CommissionRule)
class CommissionRuleAdmin(admin.ModelAdmin):
    list_display = ("tier", "product_line", "percent", "valid_from", "valid_to")


@admin.register(IncentiveProgram)
class IncentiveProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "starts_on", "ends_on")


@admin.register(TierThreshold)
class TierThresholdAdmin(admin.ModelAdmin):
    list_display = ("tier", "min_units", "min_conversion_rate")


@admin.register(DealerTarget)
class DealerTargetAdmin(admin.ModelAdmin):
    list_display = ("dealer", "period", "units", "revenue")
    list_filter = ("period",)


class LineInline(admin.TabularInline):
    model = SettlementLine
    extra = 0
    can_delete = False
    fields = ("kind", "amount", "currency", "source_key", "description")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Read-only: statements change through runs, approval and payment, which keep the ledger whole."""

    list_display = ("dealer", "period", "status", "total", "currency")
    list_filter = ("status", "period")
    inlines = [LineInline]

    def has_change_permission(self, request, obj=None):
        return False
