"""Parts in and out. Money is shown in yuan as a string ("180.00") and kept in whole cents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.schemas import Text
from spareparts.fields import Sku

MONEY = validate.Regexp(r"^[0-9]{1,7}(\.[0-9]{1,2})?$", error="Yuan with up to two decimals, like 180.00.")


def yuan(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def cents(amount: str) -> int:
    return int(Decimal(amount) * 100)


class PartFields(Schema):
    name = Text(200)
    compatible_models = fields.List(Text(120), validate=validate.Length(max=50),
                                    metadata={"description": "Product models this part fits."})
    unit_cost = fields.String(validate=MONEY, metadata={"description": "Yuan, e.g. 42.50."})
    price = fields.String(validate=MONEY, metadata={"description": "Yuan, e.g. 90.00."})
    returnable = fields.Boolean(metadata={"description": "The faulty part must come back when replaced."})
    reorder_point = fields.Integer(strict=True, validate=validate.Range(min=0, max=1_000_000))
    active = fields.Boolean()

    @post_load
    def _money(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for name in ("unit_cost", "price"):
            if name in data:
                data[f"{name}_cents"] = cents(data.pop(name))
        return data


class PartIn(PartFields):
    sku = Sku(required=True)
    name = Text(200, required=True)
    serialized = fields.Boolean(load_default=False, metadata={"description": "Each unit has a serial."})


class PartPatch(PartFields):
    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Send at least one field to change.")


class PartOut(Schema):
    id = fields.Integer(required=True)
    sku = fields.String(required=True)
    name = fields.String(required=True)
    compatible_models = fields.List(fields.String(), required=True)
    unit_cost = fields.Function(lambda p: yuan(p.unit_cost_cents), required=True)
    price = fields.Function(lambda p: yuan(p.price_cents), required=True)
    serialized = fields.Boolean(required=True)
    returnable = fields.Boolean(required=True)
    reorder_point = fields.Integer(required=True)
    active = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)


class PartQuery(Schema):
    q = Text(64, metadata={"description": "Part of the SKU or name."})
    sku = Sku()
    serialized = fields.Boolean()
    returnable = fields.Boolean()
    active = fields.Boolean()


class ImportOut(Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
