from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.viewsets import ModelViewSet
from dealers import customers as services
from dealers.choices import ContactRole, CustomerKind
from dealers.filtersets import CustomerFilterSet
from dealers.models import Contact, Customer


class ContactSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=ContactRole.choices, default=ContactRole.BUYER)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)

    class Meta:
        model = Contact
        fields = ["id", "name", "role", "email", "phone"]


class CustomerSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CustomerKind.choices, default=CustomerKind.PERSON)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=32,
                                  help_text=_("Any format; stored as +86..."))
    contacts = ContactSerializer(many=True, required=False)
    segment = serializers.CharField(read_only=True, help_text=_("Derived from what the customer bought and owns."))
    region = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Customer
        fields = ["id", "kind", "name", "email", "phone", "postal_code", "country", "latitude", "longitude",
                  "region", "contacts", "segment", "created_at", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["phone"] = str(instance.phone or "")
        return data


class CustomerViewSet(ModelViewSet):
    """Customers: HQ sees all; dealer staff those of their leads, quotes, orders and units and the
    ones they recorded. Email and phone are normalised; a duplicate you can see is refused."""

    queryset = Customer.objects.select_related("region").prefetch_related("contacts")
    serializer_class = CustomerSerializer
    filterset_class = CustomerFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.customer_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.customer_update(by=self.request.user, customer=serializer.instance,
                                                       **serializer.validated_data)
