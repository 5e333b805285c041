"""Errors a service raises. The API turns each into the error shape of API.md; pages into a message.

Services raise these (or Django's ValidationError for field errors) and never return error codes.
"""


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields


class InvalidTransition(DomainError):
    """The object's current state forbids the action (409); the message names that state."""

    status = 409
    code = "invalid_state"


class Conflict(DomainError):
    """The action collides with something already done (409): converted twice, allocated twice."""

    status = 409
    code = "conflict"


class NotPermitted(DomainError):
    """The user is known and may see the object, but their role may not do this (403)."""

    status = 403
    code = "permission_denied"
