from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password

from dealers.choices import DealerRole, HQRole, Tier
from dealers.models import Contact, Customer, Dealer, Membership, Region, RegionArea, User
from dealers.services import sync_groups

PASSWORD = "correct-horse-battery"
_HASHED = make_password(PASSWORD, hasher="md5")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())


class RegionAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionArea

    region = factory.SubFactory(RegionFactory)
    country = "CN"
    postal_prefix = factory.Sequence(lambda n: f"{n % 90 + 10}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = _HASHED


class HQUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"hq{n}")
    hq_role = HQRole.OPS


class DealerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dealer
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"d{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Dealer {o.code.upper()}")
    region = factory.SubFactory(RegionFactory, code="east")
    tier = Tier.GOLD
    latitude = Decimal("31.230400")
    longitude = Decimal("121.473700")
    postal_code = "200000"
    country = "CN"
    address = factory.Sequence(lambda n: f"{n} Nanjing Rd")
    phone = "+86 21 5555 0100"
    email = factory.LazyAttribute(lambda o: f"{o.code}@dealers.example.com")

    @factory.post_generation
    def product_lines(self, create, extracted, **kwargs):
        if create and extracted:
            self.product_lines.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    dealer = factory.SubFactory(DealerFactory)
    role = DealerRole.SALES

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            sync_groups(self)


def staff(dealer: Dealer, role: str = DealerRole.SALES, **user_fields) -> User:
    """A user with `role` at `dealer` (in the dealer's groups, like the service makes them)."""
    return MembershipFactory(dealer=dealer, role=role, user=UserFactory(**user_fields)).user


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    phone = factory.Sequence(lambda n: f"+8613800{n:06d}")
    postal_code = "200000"
    country = "CN"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    customer = factory.SubFactory(CustomerFactory, kind="company")
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.com")
