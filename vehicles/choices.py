from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    EQUIPMENT = "equipment", _("Equipment")
