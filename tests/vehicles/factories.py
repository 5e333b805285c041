from decimal import Decimal

import factory

from vehicles.choices import ModelKind
from vehicles.models import Option, ProductLine, ProductModel


class ProductLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductLine
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"line-{n}")
    name = factory.LazyAttribute(lambda o: o.code.title())


class ProductModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductModel

    code = factory.Sequence(lambda n: f"model-{n}")
    name = factory.LazyAttribute(lambda o: f"Model {o.code}")
    product_line = factory.SubFactory(ProductLineFactory)
    kind = ModelKind.VEHICLE
    list_price = Decimal("168000.00")
    currency = "CNY"
    warranty_months = 36


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    code = factory.Sequence(lambda n: f"option-{n}")
    name = factory.LazyAttribute(lambda o: o.code.title())
    model = None
    price = Decimal("3500.00")
