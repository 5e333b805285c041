import django_filters
from django.db.models import Q

from orders.models import Order, Quote


class QuoteFilterSet(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", label="Customer name, email or phone contains")

    class Meta:
        model = Quote
        fields = ["status", "dealer", "customer", "lead"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(customer__name__icontains=value) | Q(customer__email__icontains=value)
                               | Q(customer__phone__icontains=value))


class OrderFilterSet(QuoteFilterSet):
    delivered_after = django_filters.IsoDateTimeFilter(field_name="delivered_at", lookup_expr="gte")
    delivered_before = django_filters.IsoDateTimeFilter(field_name="delivered_at", lookup_expr="lt")
    model = django_filters.NumberFilter(field_name="lines__model", distinct=True)

    class Meta:
        model = Order
        fields = ["status", "kind", "dealer", "customer", "lead", "quote"]
