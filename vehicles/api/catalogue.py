from rest_framework import serializers

from core.api.viewsets import ModelViewSet
from dealers.api.permissions import ReadAnyWriteHQ
from dealers.roles import NETWORK_EDITORS
from vehicles.filtersets import OptionFilterSet, ProductLineFilterSet, ProductModelFilterSet
from vehicles.models import Option, ProductLine, ProductModel
from vehicles.services.catalogue import catalogue_save


class ProductLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductLine
        fields = ["id", "code", "name", "active", "created_at", "updated_at"]


class ProductModelSerializer(serializers.ModelSerializer):
    list_price = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)

    class Meta:
        model = ProductModel
        fields = ["id", "code", "name", "product_line", "kind", "list_price", "currency", "warranty_months",
                  "active", "created_at", "updated_at"]


class OptionSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)

    class Meta:
        model = Option
        fields = ["id", "code", "name", "model", "price", "currency", "active", "created_at", "updated_at"]
        validators = []  # code uniqueness per model is a constraint the service reports on "code"


class CatalogueViewSet(ModelViewSet):
    """Read by everyone signed in; written by HQ administrators and operations."""

    permission_classes = [ReadAnyWriteHQ]
    write_roles = NETWORK_EDITORS

    def perform_create(self, serializer):
        model = self.queryset.model
        serializer.instance = catalogue_save(by=self.request.user, instance=model(), **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = catalogue_save(
            by=self.request.user, instance=serializer.instance, **serializer.validated_data
        )


class ProductLineViewSet(CatalogueViewSet):
    queryset = ProductLine.objects.all()
    serializer_class = ProductLineSerializer
    filterset_class = ProductLineFilterSet


class ProductModelViewSet(CatalogueViewSet):
    queryset = ProductModel.objects.select_related("product_line")
    serializer_class = ProductModelSerializer
    filterset_class = ProductModelFilterSet


class OptionViewSet(CatalogueViewSet):
    queryset = Option.objects.select_related("model")
    serializer_class = OptionSerializer
    filterset_class = OptionFilterSet
