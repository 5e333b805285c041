from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    EQUIPMENT = "equipment", _("Equipment")


class UnitKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    EQUIPMENT = "equipment", _("Equipment")
    COMPONENT = "component", _("Component")
    THIRD_PARTY = "third_party", _("Third-party asset")


class UnitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILT = "built", _("Built")
    IN_TRANSIT = "in_transit", _("In transit")
    DEALER_STOCK = "dealer_stock", _("In dealer stock")
    SOLD = "sold", _("Sold")
    SCRAPPED = "scrapped", _("Scrapped")


class UnitEventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    STATUS = "status", _("Status")
    OWNERSHIP = "ownership", _("Ownership")
    ORDER = "order", _("Order")
    REPAIR_ORDER = "repair_order", _("Repair order")
    CLAIM = "claim", _("Warranty claim")
    CONTRACT = "contract", _("Service contract")
    SERVICE_REQUEST = "service_request", _("Service request")
    SHARED = "shared", _("Shared")


class Coverage(models.TextChoices):
    BOTH = "both", _("Labour and parts")
    LABOUR = "labour", _("Labour")
    PARTS = "parts", _("Parts")


class ContractKind(models.TextChoices):
    EXTENDED_WARRANTY = "extended_warranty", _("Extended warranty")
    MAINTENANCE = "maintenance", _("Maintenance plan")
    FULL_SERVICE = "full_service", _("Full service")


class ServiceRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class RepairStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")


class LineKind(models.TextChoices):
    LABOUR = "labour", _("Labour")
    PART = "part", _("Part")


class CoveredBy(models.TextChoices):
    WARRANTY = "warranty", _("Warranty")
    CONTRACT = "contract", _("Service contract")
    CUSTOMER = "customer", _("Customer pays")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PARTIALLY_APPROVED = "partially_approved", _("Partially approved")
    REJECTED = "rejected", _("Rejected")
    SETTLED = "settled", _("Settled")
