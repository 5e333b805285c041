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
