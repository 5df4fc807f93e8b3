"""The input field type only spare parts has; the shared ones (Text, Id, Day…) are in core.schemas."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

SKU = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", error="Letters, digits and . _ / - only.")


def Sku(**options: Any) -> fields.String:  # noqa: N802 - a field class
    """A part's SKU (also the shape of a location's code): it names the part in every ledger entry."""
    return fields.String(validate=[validate.Length(min=1, max=64), SKU], **options)
