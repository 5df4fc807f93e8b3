"""Domain errors and their one mapping to RFC 9457 ``application/problem+json``.

Code below ``api.py`` raises these and never an HTTP exception; the edge renders them.
Each domain package subclasses the kind that fits and gives it a stable ``code`` slug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, ClassVar

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "/api/v1/problems/"


@dataclass(frozen=True)
class FieldError:
    """One field that failed: where (``body``, ``query``, ``header``), which, and why."""

    field: str
    detail: str
    location: str = "body"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "in": self.location, "detail": str(self.detail)}


class DomainError(Exception):
    """A refusal the caller can act on; ``status`` comes from the table below."""

    code: ClassVar[str] = "domain-error"
    title: ClassVar[str] = "The request cannot be carried out"

    def __init__(self, detail: str, **context: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.context = context


class NotFound(DomainError):
    code = "not-found"
    title = "Not found"


class Conflict(DomainError):
    code = "conflict"
    title = "Conflicts with the current state"


class InvalidInput(DomainError):
    code = "invalid-input"
    title = "The request has invalid fields"

    def __init__(self, detail: str, errors: Iterable[FieldError] = (), **context: Any) -> None:
        super().__init__(detail, **context)
        self.errors = list(errors)


class PreconditionFailed(DomainError):
    code = "stale-version"
    title = "The resource changed since you read it"

    def __init__(self, detail: str, errors: Iterable[FieldError] = (), **context: Any) -> None:
        """Takes ``errors`` like InvalidInput: a malformed If-Match names the header."""
        super().__init__(detail, **context)
        self.errors = list(errors)


class Unauthorized(DomainError):
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(DomainError):
    code = "forbidden"
    title = "Your role may not do this"


class TooManyRequests(DomainError):
    code = "too-many-requests"
    title = "Too many attempts"


STATUS_BY_ERROR: Mapping[type[DomainError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    PreconditionFailed: 412,
    Unauthorized: 401,
    Forbidden: 403,
    TooManyRequests: 429,
}


def status_of(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[kind]
    return 400


def problem_body(
    status: int,
    code: str,
    title: str,
    detail: str | None = None,
    errors: Iterable[FieldError] = (),
    **extra: Any,
) -> dict[str, Any]:
    # str(): a title or detail may be a lazy text (core.texts), translated as it is rendered.
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": str(title),
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = str(detail)
    field_errors = [e.as_dict() for e in errors]
    if field_errors:
        body["errors"] = field_errors
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def problem_from_domain(error: DomainError) -> dict[str, Any]:
    return problem_body(
        status_of(error),
        error.code,
        error.title,
        error.detail,
        getattr(error, "errors", ()),
        **error.context,
    )


def slug_for_status(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def flatten_messages(messages: Any, location: str, prefix: str = "") -> list[FieldError]:
    """webargs/marshmallow nest messages by location and field; clients want a flat list."""
    if isinstance(messages, Mapping):
        found: list[FieldError] = []
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            found.extend(flatten_messages(value, location, name))
        return found
    if isinstance(messages, list | tuple) and messages and all(isinstance(m, str) for m in messages):
        return [FieldError(prefix or "_schema", m, location) for m in messages]
    if isinstance(messages, list | tuple):
        return [e for m in messages for e in flatten_messages(m, location, prefix)]
    return [FieldError(prefix or "_schema", str(messages), location)]


LOCATION_NAMES = {"json": "body", "query": "query", "querystring": "query", "headers": "header",
                  "view_args": "path", "path": "path", "form": "body", "files": "body"}


def field_errors_from_webargs(messages: Mapping[str, Any]) -> list[FieldError]:
    found: list[FieldError] = []
    for location, fields in messages.items():
        found.extend(flatten_messages(fields, LOCATION_NAMES.get(location, location)))
    return found
