from decimal import Decimal

import factory

from orders.models import DiscountLimit, TaxRate

TIER_LIMITS = {"platinum": "8.00", "gold": "6.00", "silver": "4.00", "bronze": "2.00"}


class TaxRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxRate

    country = "CN"
    rate = Decimal("0.1300")
    valid_from = factory.Faker("date_between", start_date="-5y", end_date="-1y")


def discount_limits():
    for tier, limit in TIER_LIMITS.items():
        DiscountLimit.objects.update_or_create(tier=tier, defaults={"max_percent": Decimal(limit)})
