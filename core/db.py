from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def unique_or_invalid(field: str, message: str):
    """Turn a unique-constraint collision (two requests racing for the same code) into the same
    field error the up-front check gives, instead of a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError({field: [message]}) from exc


def save_fields(instance, fields: dict, *, unique_field: str = "code", unique_message: str = ""):
    """Create (unsaved `instance`) or change a record kept by HQ: lock it, set the fields, validate,
    save. A unique collision becomes a field error on `unique_field`."""
    if instance.pk:
        instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    for name, value in fields.items():
        setattr(instance, name, value)
    # Without a message of its own, constraints are checked up front (their errors name the fields);
    # with one, the database's unique index decides and the collision is reported on `unique_field`.
    instance.full_clean(validate_unique=False, validate_constraints=not unique_message)
    with unique_or_invalid(unique_field, unique_message or "This value is already in use."):
        instance.save()
    return instance
