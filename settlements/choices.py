from django.db import models
from django.utils.translation import gettext_lazy as _


class LineKind(models.TextChoices):
    COMMISSION = "commission", _("Commission")
    WARRANTY = "warranty", _("Warranty reimbursement")
    INCENTIVE = "incentive", _("Incentive")
    CHARGEBACK = "chargeback", _("Chargeback")
    ADJUSTMENT = "adjustment", _("Adjustment")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


class ProgramKind(models.TextChoices):
    VOLUME_BONUS = "volume_bonus", _("Bonus per unit above a volume target")
    SLA_BONUS = "sla_bonus", _("Bonus for answering leads within the SLA")
