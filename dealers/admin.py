from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from dealers.models import Contact, Customer, Dealer, Membership, Region, RegionArea, User
from dealers.services import sync_groups


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    extra = 0
    max_num = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Portal", {"fields": ("hq_role",)}))
    list_display = ("username", "email", "hq_role", "is_active", "is_superuser")
    list_filter = ("hq_role", "is_active", "is_superuser")
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        membership = Membership.objects.filter(user=form.instance).first()
        if membership:
            sync_groups(membership)


class RegionAreaInline(admin.TabularInline):
    model = RegionArea
    extra = 1


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [RegionAreaInline]


@admin.register(Dealer)
class DealerAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "region", "tier", "parent", "has_sales", "has_service", "active")
    list_filter = ("region", "tier", "active", "has_sales", "has_service")
    search_fields = ("code", "name", "address", "postal_code")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("product_lines",)
    readonly_fields = ("sales_group", "service_group", "created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: orders, leads and statements keep pointing at dealers


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "dealer", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "dealer__code", "dealer__name")
    autocomplete_fields = ("user", "dealer")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_groups(obj)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "email", "phone", "segment", "region")
    list_filter = ("kind", "segment", "region")
    search_fields = ("name", "email", "phone")
    readonly_fields = ("segment", "region", "created_by", "created_by_dealer")
    raw_id_fields = ("account",)
    inlines = [ContactInline]
