"""Balances, movements, the ledger, serial units and the books check, in and out.

Load schemas name only what a client may send (anything else is a 422 naming the field); dump
schemas carry the server's fields. Bounds are tight so fuzzed input is a 422, never a 500.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.schemas import Id, Moment, Prose, QueryId, Text
from spareparts.fields import Sku
from spareparts.ledger.models import MAX_QTY, Condition, MovementKind
from spareparts.ledger.schemas import Quantity
from spareparts.locations.models import LocationKind
from spareparts.returns.models import Disposition


class BalanceOut(Schema):
    location_id = fields.Integer(required=True)
    location_code = fields.String(required=True, attribute="location.code")
    location_kind = fields.Enum(LocationKind, by_value=True, required=True, attribute="location.kind")
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    part_name = fields.String(required=True, attribute="part.name")
    condition = fields.Enum(Condition, by_value=True, required=True)
    on_hand = fields.Integer(required=True)
    reserved = fields.Integer(required=True)
    available = fields.Integer(required=True)
    below_reorder_point = fields.Function(
        lambda b: b.condition is Condition.GOOD and b.location.kind is LocationKind.WAREHOUSE
        and b.available <= b.part.reorder_point, required=True)


class StockQuery(Schema):
    location_id = QueryId()
    sku = Sku()
    condition = fields.Enum(Condition, by_value=True)
    kind = fields.Enum(LocationKind, by_value=True, metadata={"description": "The location's kind."})
    include_virtual = fields.Boolean(load_default=False,
                                     metadata={"description": "Also supplier, customer, scrap… balances."})
    in_stock = fields.Boolean(metadata={"description": "true: on hand above zero only."})
    below_reorder_point = fields.Boolean(metadata={"description": "Good warehouse stock at or below it."})


class MovementLine(Schema):
    sku = Sku(required=True)
    qty = Quantity(metadata={"description": "Units moved (1 when a serial is given). Not for adjust."})
    serial = Text(64, metadata={"description": "Required for serialized parts; one unit per line."})
    counted_qty = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_QTY),
                                 metadata={"description": "adjust only: how many were counted."})


class MovementIn(Schema):
    kind = fields.Enum(MovementKind, by_value=True, required=True, validate=validate.NoneOf(
        [MovementKind.ISSUE], error="Issue a reservation or a pick list instead."))
    from_location_id = Id()
    to_location_id = Id()
    location_id = Id(metadata={"description": "adjust: where the count was taken."})
    condition = fields.Enum(Condition, by_value=True,
                            metadata={"description": "transfer, scrap, adjust: which stock (default good)."})
    disposition = fields.Enum(Disposition, by_value=True, metadata={"description": "disposition only."})
    work_order_id = Id(metadata={"description": "consume and collect: the job."})
    reason = Prose(500)
    lines = fields.List(fields.Nested(MovementLine), required=True, validate=validate.Length(min=1, max=100))

    @validates_schema
    def _lines_fit_the_kind(self, data: dict[str, Any], **_: Any) -> None:
        adjusting = data.get("kind") is MovementKind.ADJUST
        for number, line in enumerate(data.get("lines") or []):
            if adjusting and "counted_qty" not in line:
                raise ValidationError("Required for adjust.", f"lines.{number}.counted_qty")
            if not adjusting and "counted_qty" in line:
                raise ValidationError("Only for adjust.", f"lines.{number}.counted_qty")
            if not adjusting:
                line.setdefault("qty", 1)


class LedgerEntryOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.Enum(MovementKind, by_value=True, required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    qty = fields.Integer(required=True)
    from_location_id = fields.Integer(required=True)
    to_location_id = fields.Integer(required=True)
    condition = fields.Enum(Condition, by_value=True, required=True)
    to_condition = fields.Enum(Condition, by_value=True, required=True)
    serial = fields.String(allow_none=True)
    work_order_id = fields.Integer(allow_none=True)
    reservation_id = fields.Integer(allow_none=True)
    actor_user_id = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    at = fields.AwareDateTime(required=True)


class MovementOut(Schema):
    entries = fields.List(fields.Nested(LedgerEntryOut), required=True)


class LedgerQuery(Schema):
    sku = Sku()
    location_id = QueryId(metadata={"description": "Entries from or to this location."})
    work_order_id = QueryId()
    kind = fields.Enum(MovementKind, by_value=True)
    serial = Text(64)
    from_ = Moment(data_key="from", metadata={"description": "At or after this instant."})
    to = Moment(metadata={"description": "Before this instant."})


class SerialUnitOut(Schema):
    serial = fields.String(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    location_id = fields.Integer(required=True)
    location_code = fields.String(required=True, attribute="location.code")
    location_kind = fields.Enum(LocationKind, by_value=True, required=True, attribute="location.kind")
    condition = fields.Enum(Condition, by_value=True, required=True)
    last_entry_id = fields.Integer(required=True)


class SerialQuery(Schema):
    serial = Text(64)
    sku = Sku()
    location_id = QueryId()
    condition = fields.Enum(Condition, by_value=True)


class MismatchOut(Schema):
    location_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    condition = fields.String(required=True)
    balance_on_hand = fields.Integer(required=True)
    ledger_on_hand = fields.Integer(required=True)
    balance_reserved = fields.Integer(required=True)
    active_reserved = fields.Integer(required=True)
    problem = fields.String(required=True)


class CheckOut(Schema):
    ok = fields.Boolean(required=True, metadata={"description": "Every balance equals its ledger sum."})
    balances_checked = fields.Integer(required=True)
    mismatches = fields.List(fields.Nested(MismatchOut), required=True)
