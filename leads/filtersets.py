import django_filters
from django.db.models import Q

from leads.models import Lead


class LeadFilterSet(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", label="Customer name, email or phone contains")

    class Meta:
        model = Lead
        fields = ["status", "dealer", "source", "model", "assigned_to", "unroutable", "customer"]

    def search(self, queryset, name, value):
        digits = "".join(ch for ch in value if ch.isdigit())
        condition = Q(customer__name__icontains=value) | Q(customer__email__icontains=value) | Q(reference=value)
        if len(digits) >= 4:
            condition |= Q(customer__phone__contains=digits)
        return queryset.filter(condition)
