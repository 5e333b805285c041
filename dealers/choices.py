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


# Roles by function: who works sales (leads, quotes, orders) and who works the service bay.
SALES_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SALES_MANAGER, DealerRole.SALES})
SERVICE_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SERVICE})
MANAGER_ROLES = frozenset({DealerRole.PRINCIPAL, DealerRole.SALES_MANAGER})

# Which of a dealer's groups each role belongs to; object permissions are granted to a group in one
# row. The sales group is the dealer's lead desk (principal and sales managers), which receives
# every lead offered to the dealer; a salesperson is given single leads by delegation (a user
# grant). The service group is the bay that a unit is shared with.
SALES_GROUP_ROLES = MANAGER_ROLES
SERVICE_GROUP_ROLES = SERVICE_ROLES


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
