import django_filters
from django.db.models import Q

from vehicles.models import Option, ProductLine, ProductModel


class _Search(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Code or name contains")

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class ProductLineFilterSet(_Search):
    class Meta:
        model = ProductLine
        fields = ["active"]


class ProductModelFilterSet(_Search):
    class Meta:
        model = ProductModel
        fields = ["product_line", "kind", "active"]


class OptionFilterSet(_Search):
    class Meta:
        model = Option
        fields = ["model", "active"]
