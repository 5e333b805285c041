"""State machines: the allowed transitions of a status field, declared in one place.

A model declares `WORKFLOW = Workflow({...})` next to its status choices and changes status only
through `workflow.advance(obj, target, by=..., reason=...)`, which refuses an illegal step with an
error naming the current state, saves the status, and writes the event that forms the timeline.
"""

from collections.abc import Callable, Iterable

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition


class Workflow:
    def __init__(self, transitions: dict[str, Iterable[str]], *, field: str = "status"):
        self.transitions = {state: frozenset(targets) for state, targets in transitions.items()}
        self.field = field

    def targets(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def can(self, current: str, target: str) -> bool:
        return target in self.targets(current)

    def check(self, obj: models.Model, target: str, *, action: str | None = None) -> None:
        current = getattr(obj, self.field)
        if not self.can(current, target):
            noun = obj._meta.verbose_name
            raise InvalidTransition(
                _("This %(noun)s is %(current)s, so it cannot %(action)s.")
                % {"noun": noun, "current": current, "action": action or _("become %s") % target}
            )

    def advance(
        self,
        obj: models.Model,
        target: str,
        *,
        by,
        reason: str = "",
        action: str | None = None,
        extra_fields: Iterable[str] = (),
        record: Callable[..., object] | None = None,
    ):
        """Move `obj` to `target`, save it, and write its event. Call inside the service's atomic block
        on a row locked with select_for_update. Returns the event."""
        self.check(obj, target, action=action)
        previous = getattr(obj, self.field)
        setattr(obj, self.field, target)
        update_fields = [self.field, *extra_fields]
        if hasattr(obj, "updated_at"):
            update_fields.append("updated_at")
        obj.save(update_fields=update_fields)
        record = record or obj.record_event
        return record(by=by, from_status=previous, to_status=target, reason=reason)


class StatusEvent(models.Model):
    """Base of every timeline row: who moved what from which state to which, when, and why."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "dealers.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
