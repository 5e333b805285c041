from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Offered to a dealer")
    ACCEPTED = "accepted", _("Accepted")
    CONTACTED = "contacted", _("Contacted")
    QUOTED = "quoted", _("Quoted")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    DISQUALIFIED = "disqualified", _("Disqualified")


OPEN_STATUSES = (LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.ACCEPTED, LeadStatus.CONTACTED, LeadStatus.QUOTED)
WITH_DEALER = (LeadStatus.ASSIGNED, LeadStatus.ACCEPTED, LeadStatus.CONTACTED, LeadStatus.QUOTED)


class LeadSource(models.TextChoices):
    WEB = "web", _("Website")
    EVENT = "event", _("Event")
    IMPORT = "import", _("Import")
    API = "api", _("API")
    CAMPAIGN = "campaign", _("Campaign")


class ExclusionReason(models.TextChoices):
    REJECTED = "rejected", _("Rejected by the dealer")
    LAPSED = "lapsed", _("Acceptance time ran out")
    REASSIGNED = "reassigned", _("Taken away by HQ")


class LeadEventKind(models.TextChoices):
    STATUS = "status", _("Status change")
    MERGED = "merged", _("Repeated enquiry merged")
    CONTACT = "contact", _("Contact")
    DELEGATED = "delegated", _("Given to a salesperson")
    UNROUTABLE = "unroutable", _("No dealer could take it")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Visit")
    MESSAGE = "message", _("Message (WeChat, SMS)")
