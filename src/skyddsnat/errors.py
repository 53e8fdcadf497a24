"""The errors services raise; views and the API turn them into Swedish messages and status codes."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a service raises on purpose. The message is Swedish, for the user."""

    status = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class InvalidInput(ServiceError):
    """Bad input: the ``errors`` map names each field and what is wrong with it."""

    status = 422

    @classmethod
    def field(cls, name: str, message: str) -> InvalidInput:
        return cls(message, {name: [message]})


class StateConflict(ServiceError):
    """The action is not allowed in the case's current state (e.g. closing twice)."""

    status = 409


class StaleEdit(StateConflict):
    """Someone else saved the object after it was read (optimistic locking)."""


class NotFound(ServiceError):
    """The object does not exist, or the user may not know that it exists."""

    status = 404


class Forbidden(ServiceError):
    """The user may see the object but not do this to it."""

    status = 403


class Collector:
    """Collect field errors, then raise them all at once (like Django's password validators)."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(
        self, summary: str = "Uppgifterna kunde inte sparas. Rätta fälten nedan."
    ) -> None:
        if self.errors:
            raise InvalidInput(summary, self.errors)
