"""Field types with the limits every input needs, so bad input is a 422 and never a 500.

NUL characters (PostgreSQL refuses them), out-of-range ids and far-away years are stopped
here, at the edge, the same way for every schema.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from marshmallow import ValidationError, fields, validate

MAX_ID = 2**31 - 1
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise ValidationError("Must not contain NUL characters.")


def _plausible_year(value: date | datetime) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(f"Year must be between {FIRST_YEAR} and {LAST_YEAR}.")


def Text(max_length: int, **kwargs: Any) -> fields.String:  # noqa: N802 - reads like a field class
    return fields.String(validate=[validate.Length(min=1, max=max_length), _no_nul], **kwargs)


def Id(**kwargs: Any) -> fields.Integer:  # noqa: N802
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def QueryId(**kwargs: Any) -> fields.Integer:  # noqa: N802
    """An id in a query string, where every value arrives as text (``?engineer_id=3``)."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def Moment(**kwargs: Any) -> fields.AwareDateTime:  # noqa: N802
    """An aware instant; a naive one is refused since its timezone would be a guess."""
    return fields.AwareDateTime(validate=_plausible_year, **kwargs)


def Day(**kwargs: Any) -> fields.Date:  # noqa: N802
    return fields.Date(validate=_plausible_year, **kwargs)


def Lat(**kwargs: Any) -> fields.Float:  # noqa: N802
    return fields.Float(validate=validate.Range(min=-90, max=90), **kwargs)


def Lon(**kwargs: Any) -> fields.Float:  # noqa: N802
    return fields.Float(validate=validate.Range(min=-180, max=180), **kwargs)
