"""Faulty returns in and out."""

from __future__ import annotations

from marshmallow import Schema, fields

from core.schemas import Id, Prose, QueryId, Text
from spareparts.fields import Sku
from spareparts.returns.models import Disposition, ReturnStatus


class FaultyReturnOut(Schema):
    id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True)
    qty = fields.Integer(required=True)
    engineer_id = fields.Integer(allow_none=True)
    van_id = fields.Integer(required=True)
    new_serial = fields.String(allow_none=True)
    old_serial = fields.String(allow_none=True)
    status = fields.Enum(ReturnStatus, by_value=True, required=True)
    due_on = fields.Date(required=True)
    overdue = fields.Boolean(required=True)
    opened_at = fields.AwareDateTime(required=True)
    collected_at = fields.AwareDateTime(allow_none=True)
    received_at = fields.AwareDateTime(allow_none=True)
    received_at_location_id = fields.Integer(allow_none=True)
    dispositioned_at = fields.AwareDateTime(allow_none=True)
    disposition = fields.Enum(Disposition, by_value=True, allow_none=True)


class FaultyReturnQuery(Schema):
    status = fields.Enum(ReturnStatus, by_value=True)
    overdue = fields.Boolean()
    engineer_id = QueryId()
    work_order_id = QueryId()
    sku = Sku()


class CollectIn(Schema):
    serial = Text(64, metadata={"description": "The faulty part's serial, when it has one."})


class ReceiveIn(Schema):
    warehouse_id = Id(required=True)


class DispositionIn(Schema):
    disposition = fields.Enum(Disposition, by_value=True, required=True)
    reason = Prose(500)


class ComplianceOut(Schema):
    as_of = fields.Date(required=True)
    due = fields.Integer(required=True, metadata={"description": "Returns due before today."})
    returned_on_time = fields.Integer(required=True)
    overdue = fields.Integer(required=True)
    open = fields.Integer(required=True)
    compliance_pct = fields.Float(required=True)
