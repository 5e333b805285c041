from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vehicles.models import Option, ProductLine, ProductModel


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
