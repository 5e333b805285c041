from decimal import Decimal

import factory

from vehicles.choices import ModelKind, UnitKind, UnitStatus
from vehicles.models import Option, ProductLine, ProductModel, Unit
from vehicles.vin import with_check_digit


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


_vin_counter = iter(range(1, 10**6))


def next_vin(prefix: str = "LTL1A2B3") -> str:
    """A China-built VIN with a correct check digit, different every call."""
    return with_check_digit(f"{prefix}0T{'Z'}{next(_vin_counter):06d}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    serial = factory.LazyFunction(next_vin)
    kind = UnitKind.VEHICLE
    model = factory.SubFactory(ProductModelFactory)
    status = UnitStatus.PLANNED


def sold_unit(*, dealer, owner, delivered_on, months: int = 24, **fields) -> Unit:
    """A unit handed over on `delivered_on` with a warranty of `months`."""
    from vehicles.services.units import warranty_end_for

    return UnitFactory(status=UnitStatus.SOLD, dealer=dealer, selling_dealer=dealer, owner=owner,
                       delivered_on=delivered_on, warranty_start=delivered_on,
                       warranty_end=warranty_end_for(delivered_on, months), model__warranty_months=months, **fields)
