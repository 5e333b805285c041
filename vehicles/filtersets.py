import django_filters
from django.db.models import Q

from vehicles.models import (
    Option,
    ProductLine,
    ProductModel,
    RepairOrder,
    ServiceContract,
    ServiceRequest,
    Unit,
    WarrantyClaim,
)
from vehicles.vin import normalise_serial


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


class UnitFilterSet(django_filters.FilterSet):
    serial = django_filters.CharFilter(method="serial_contains", label="Serial or VIN (or part of it)")

    class Meta:
        model = Unit
        fields = ["status", "kind", "model", "dealer", "owner", "selling_dealer", "parent"]

    def serial_contains(self, queryset, name, value):
        value = normalise_serial(value)
        exact = queryset.filter(serial=value)
        return exact if exact.exists() else queryset.filter(serial__icontains=value)


class ServiceContractFilterSet(django_filters.FilterSet):
    class Meta:
        model = ServiceContract
        fields = ["unit", "kind", "covers"]


class ServiceRequestFilterSet(django_filters.FilterSet):
    class Meta:
        model = ServiceRequest
        fields = ["unit", "status", "dealer", "customer"]


class RepairOrderFilterSet(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    serial = django_filters.CharFilter(field_name="unit__serial", lookup_expr="icontains")

    class Meta:
        model = RepairOrder
        fields = ["unit", "status", "dealer"]


class WarrantyClaimFilterSet(django_filters.FilterSet):
    submitted_after = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="lt")
    decided_after = django_filters.IsoDateTimeFilter(field_name="decided_at", lookup_expr="gte")
    decided_before = django_filters.IsoDateTimeFilter(field_name="decided_at", lookup_expr="lt")

    class Meta:
        model = WarrantyClaim
        fields = ["status", "dealer", "unit", "repair_order"]
