"""Settlement configuration HQ finance keeps: commission rules, incentive programmes, targets."""

from django.db import models, transaction

from dealers.roles import require_hq

FINANCE = ("hq_admin", "hq_finance")


@transaction.atomic
def config_save(*, by, instance: models.Model, **fields) -> models.Model:
    require_hq(by, *FINANCE)
    if instance.pk:
        instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    for name, value in fields.items():
        setattr(instance, name, value)
    if hasattr(instance, "created_by_id") and not instance.pk:
        instance.created_by = by
    instance.full_clean()
    instance.save()
    return instance
