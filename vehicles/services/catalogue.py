"""Catalogue upkeep: HQ administrators and operations add and change product lines, models, options.

Rows are deactivated, never deleted: orders, units and leads keep pointing at them.
"""

from django.db import models, transaction
from django.utils.translation import gettext as _

from core.db import save_fields
from dealers.roles import NETWORK_EDITORS, require_hq


@transaction.atomic
def catalogue_save(*, by, instance: models.Model, **fields) -> models.Model:
    """Create (unsaved `instance`) or change a catalogue row with the given field values."""
    require_hq(by, *NETWORK_EDITORS)
    return save_fields(instance, fields, unique_message=_("This code is already in use."))
