"""The ledger's quantity as an input field, bounded as the ledger itself bounds it."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from spareparts.ledger.models import MAX_QTY


def Quantity(**options: Any) -> fields.Integer:  # noqa: N802 - a field class
    """Units moved or held: a whole number from 1, never a string of digits."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_QTY), **options)
