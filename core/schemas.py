"""What every blueprint shares: the problem document and the input field types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from marshmallow import INCLUDE, Schema, ValidationError, fields, validate


class FieldErrorSchema(Schema):
    field = fields.String(required=True)
    in_ = fields.String(data_key="in", required=True)
    detail = fields.String(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details, plus a stable ``code`` and per-field ``errors``.

    Open to further members (RFC 9457 §3.2): a domain error adds its own context.
    """

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    code = fields.String(required=True)
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldErrorSchema))
    request_id = fields.String()
    allowed = fields.List(fields.String())
    current = fields.String()
    retry_after_s = fields.Integer()


# --- input field types, one set for every package ------------------------------------------
# Bounds are tight because schemathesis fuzzes every field, and a value the database cannot
# hold (a NUL byte, a year-1 date, a 64-bit id) must be a 422 naming the field, never a 500.

MAX_ID = 2**31 - 1
FIRST_YEAR, LAST_YEAR = 2000, 2100
ONE_LINE = validate.Regexp(r"^[^\x00-\x1f\x7f]*$", error="Control characters are not allowed.")
# Prose may run over lines and hold tabs; no other control character (NUL breaks PostgreSQL).
PROSE = validate.Regexp(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
                        error="Control characters other than line breaks and tabs are not allowed.")


def _plausible_year(value: date | datetime) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(f"Year must be between {FIRST_YEAR} and {LAST_YEAR}.")


def Text(max_length: int, min_length: int = 1, **kwargs: Any) -> fields.String:  # noqa: N802 - a field class
    """One line of text: a name, a code, a serial, a phone number."""
    return fields.String(validate=[validate.Length(min=min_length, max=max_length), ONE_LINE], **kwargs)


def Prose(max_length: int, **kwargs: Any) -> fields.String:  # noqa: N802
    """Free text a person writes: a symptom, notes, a reason, a comment."""
    return fields.String(validate=[validate.Length(min=1, max=max_length), PROSE], **kwargs)


def Id(**kwargs: Any) -> fields.Integer:  # noqa: N802
    """An id in a JSON body: a number, never a string of digits."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def QueryId(**kwargs: Any) -> fields.Integer:  # noqa: N802
    """An id in a query string, where every value arrives as text (``?engineer_id=3``)."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def Moment(**kwargs: Any) -> fields.AwareDateTime:  # noqa: N802
    """An aware instant; a naive one is refused since its timezone would be a guess."""
    return fields.AwareDateTime(validate=_plausible_year, **kwargs)


def Day(**kwargs: Any) -> fields.Date:  # noqa: N802
    """A calendar day; the bounds are a Range, so the OpenAPI document states them."""
    return fields.Date(validate=validate.Range(min=date(FIRST_YEAR, 1, 1), max=date(LAST_YEAR, 12, 31),
                                               error=f"Year must be between {FIRST_YEAR} and {LAST_YEAR}."),
                       **kwargs)


def Lat(**kwargs: Any) -> fields.Float:  # noqa: N802
    return fields.Float(validate=validate.Range(min=-90, max=90), **kwargs)


def Lon(**kwargs: Any) -> fields.Float:  # noqa: N802
    return fields.Float(validate=validate.Range(min=-180, max=180), **kwargs)
