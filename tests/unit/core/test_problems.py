"""Domain errors map to statuses and problem bodies clients can act on."""

from __future__ import annotations

from core.errors import (
    Conflict,
    FieldError,
    InvalidInput,
    NotFound,
    field_errors_from_webargs,
    problem_from_domain,
    status_of,
)


class IllegalMove(Conflict):
    code = "illegal-move"


def test_a_subclass_takes_its_kinds_status_and_its_own_code() -> None:
    error = IllegalMove("no", allowed=["a", "b"])
    assert status_of(error) == 409
    body = problem_from_domain(error)
    assert body["code"] == "illegal-move"
    assert body["type"].endswith("/illegal-move")
    assert body["allowed"] == ["a", "b"]


def test_invalid_input_lists_each_field() -> None:
    error = InvalidInput("bad", [FieldError("qty", "Must be positive.")])
    body = problem_from_domain(error)
    assert body["status"] == 422
    assert body["errors"] == [{"field": "qty", "in": "body", "detail": "Must be positive."}]


def test_not_found_has_no_field_errors() -> None:
    assert "errors" not in problem_from_domain(NotFound("gone"))


def test_webargs_messages_flatten_to_dotted_fields_with_location() -> None:
    messages = {"json": {"window": {"start": ["Not a valid datetime."]}, "qty": ["Too small."]},
                "query": {"page": ["Must be at least 1."]}}
    found = {(e.location, e.field, e.detail) for e in field_errors_from_webargs(messages)}
    assert found == {
        ("body", "window.start", "Not a valid datetime."),
        ("body", "qty", "Too small."),
        ("query", "page", "Must be at least 1."),
    }


def test_list_item_errors_keep_their_index() -> None:
    messages = {"json": {"parts": {0: {"sku": ["Missing data for required field."]}}}}
    [error] = field_errors_from_webargs(messages)
    assert error.field == "parts.0.sku"
