"""Settlement configuration HQ finance keeps: commission rules, incentive programmes, targets."""

from django.db import models, transaction

from core.db import save_fields
from dealers.roles import require_hq

FINANCE = ("hq_admin", "hq_finance")


@transaction.atomic
def config_save(*, by, instance: models.Model, **fields) -> models.Model:
    require_hq(by, *FINANCE)
    if hasattr(instance, "created_by_id") and not instance.pk:
        fields = {**fields, "created_by": by}
    return save_fields(instance, fields)
