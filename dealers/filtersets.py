import django_filters
from django.db.models import Q

from dealers.models import Customer, Dealer, Region


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Code or name contains")

    class Meta:
        model = Region
        fields = ["code"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class DealerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Code, name or city contains")
    product_line = django_filters.NumberFilter(field_name="product_lines")
    is_sub_dealer = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Dealer
        fields = ["region", "tier", "active", "has_sales", "has_service", "parent", "country"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(address__icontains=value))


class CustomerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name, email or phone contains")

    class Meta:
        model = Customer
        fields = ["kind", "segment", "region", "country"]

    def search(self, queryset, name, value):
        digits = "".join(ch for ch in value if ch.isdigit())
        condition = Q(name__icontains=value) | Q(email__icontains=value)
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits)
        return queryset.filter(condition)
