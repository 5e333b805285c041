import django_filters
from django.db.models import Exists, OuterRef, Q

from leads.models import Lead, LeadEvent, LeadExclusion


class LeadFilterSet(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", label="Customer name, email or phone contains")
    accepted_after = django_filters.IsoDateTimeFilter(field_name="accepted_at", lookup_expr="gte")
    accepted_before = django_filters.IsoDateTimeFilter(field_name="accepted_at", lookup_expr="lt")
    closed_after = django_filters.IsoDateTimeFilter(field_name="closed_at", lookup_expr="gte")
    closed_before = django_filters.IsoDateTimeFilter(field_name="closed_at", lookup_expr="lt")
    # Where performance figures come from: leads offered to, or lapsed at, a dealer in a time span.
    received_by = django_filters.NumberFilter(method="received", label="Offered to this dealer")
    received_after = django_filters.IsoDateTimeFilter(method="noop")
    received_before = django_filters.IsoDateTimeFilter(method="noop")
    lapsed_at = django_filters.NumberFilter(method="lapsed", label="Lapsed at this dealer")
    lapsed_after = django_filters.IsoDateTimeFilter(method="noop")
    lapsed_before = django_filters.IsoDateTimeFilter(method="noop")

    class Meta:
        model = Lead
        fields = ["status", "dealer", "source", "model", "assigned_to", "unroutable", "customer"]

    def search(self, queryset, name, value):
        digits = "".join(ch for ch in value if ch.isdigit())
        condition = Q(customer__name__icontains=value) | Q(customer__email__icontains=value) | Q(reference=value)
        if len(digits) >= 4:
            condition |= Q(customer__phone__contains=digits)
        return queryset.filter(condition)

    def noop(self, queryset, name, value):
        return queryset  # used together with received_by / lapsed_at

    def _span(self, prefix):
        data = self.form.cleaned_data
        span = {}
        if data.get(f"{prefix}_after"):
            span["at__gte"] = data[f"{prefix}_after"]
        if data.get(f"{prefix}_before"):
            span["at__lt"] = data[f"{prefix}_before"]
        return span

    def received(self, queryset, name, value):
        events = LeadEvent.objects.filter(lead=OuterRef("pk"), kind="status", to_status="assigned", dealer_id=value,
                                          **self._span("received"))
        return queryset.filter(Exists(events))

    def lapsed(self, queryset, name, value):
        exclusions = LeadExclusion.objects.filter(lead=OuterRef("pk"), dealer_id=value, reason="lapsed",
                                                  **self._span("lapsed"))
        return queryset.filter(Exists(exclusions))
