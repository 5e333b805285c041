"""The catalogue: what is for sale. (Units, the physical things with serials, build on it.)"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.money import CurrencyField, MoneyField
from vehicles.choices import ModelKind


class CatalogueQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The catalogue is public to everyone signed in; inactive rows stay readable for history."""
        return self if user.is_authenticated else self.none()

    def active(self):
        return self.filter(active=True)


class ProductLine(TimeStampedModel):
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)

    objects = CatalogueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class ProductModel(TimeStampedModel):
    """A catalogue model (what a customer chooses), as opposed to a unit (one physical thing)."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=150)
    product_line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="models")
    kind = models.CharField(max_length=10, choices=ModelKind.choices, default=ModelKind.VEHICLE)
    list_price = MoneyField(validators=[MinValueValidator(0)])
    currency = CurrencyField()
    warranty_months = models.PositiveSmallIntegerField(default=24)
    active = models.BooleanField(default=True)

    objects = CatalogueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["product_line", "code"]
        verbose_name = _("model")

    def __str__(self):
        return self.name


class Option(TimeStampedModel):
    """An extra a model can be ordered with; `model` empty means it fits every model."""

    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=150)
    model = models.ForeignKey(ProductModel, null=True, blank=True, on_delete=models.PROTECT, related_name="options")
    price = MoneyField(validators=[MinValueValidator(0)])
    currency = CurrencyField()
    active = models.BooleanField(default=True)

    objects = CatalogueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "model"], name="option_code_unique_per_model"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(model__isnull=True), name="option_code_unique_for_all"
            ),
        ]

    def __str__(self):
        return self.name
