import factory

from leads.models import Lead, RoutingPolicy
from tests.dealers.factories import CustomerFactory
from tests.vehicles.factories import ProductModelFactory


class RoutingPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingPolicy

    name = factory.Sequence(lambda n: f"Policy {n}")
    active = True


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    customer = factory.SubFactory(CustomerFactory)
    model = factory.SubFactory(ProductModelFactory)
    source = "web"
    postal_code = "200000"
    latitude = factory.Faker("pydecimal", left_digits=2, right_digits=4, min_value=30, max_value=32)
    longitude = factory.Faker("pydecimal", left_digits=3, right_digits=4, min_value=120, max_value=122)
