from django.db import models
from django.utils.translation import gettext_lazy as _


class HQRole(models.TextChoices):
    ADMIN = "hq_admin", _("HQ administrator")
    OPS = "hq_ops", _("HQ operations")
    FINANCE = "hq_finance", _("HQ finance")
    ANALYST = "hq_analyst", _("HQ analyst")


class DealerRole(models.TextChoices):
    PRINCIPAL = "principal", _("Dealer principal")
    SALES_MANAGER = "sales_manager", _("Sales manager")
    SALES = "sales", _("Salesperson")
    SERVICE = "service", _("Service advisor")


# Which of a dealer's groups each role belongs to. Object permissions are granted to a group
# ("this dealer's sales staff"), so a role's reach follows from this table alone.
SALES_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SALES_MANAGER, DealerRole.SALES})
SERVICE_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SERVICE})
MANAGER_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SALES_MANAGER})


class Tier(models.TextChoices):
    PLATINUM = "platinum", _("Platinum")
    GOLD = "gold", _("Gold")
    SILVER = "silver", _("Silver")
    BRONZE = "bronze", _("Bronze")


class CustomerKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")


class ContactRole(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    DECISION_MAKER = "decision_maker", _("Decision maker")
    USER = "user", _("User")
    OTHER = "other", _("Other")


class Segment(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    NEW_BUYER = "new_buyer", _("New-product customer")
    REPEAT_BUYER = "repeat_buyer", _("Repeat buyer")
    SERVICE_ONLY = "service_only", _("Service-only")
