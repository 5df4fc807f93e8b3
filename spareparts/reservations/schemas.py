"""Reservations and pick lists in and out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.schemas import Day, Id, Prose, QueryId, Text
from spareparts.fields import Sku
from spareparts.ledger.schemas import Quantity
from spareparts.reservations.models import ReservationStatus


class ReservationIn(Schema):
    work_order_id = Id(required=True)
    sku = Sku(required=True)
    location_id = Id(required=True, metadata={"description": "A warehouse or a van."})
    qty = Quantity(required=True)
    engineer_id = Id(metadata={"description": "Who the parts are for (puts a warehouse line on "
                                              "that engineer's pick list)."})
    needed_on = Day(metadata={"description": "The service day the parts are for."})


class ReservationOut(Schema):
    id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True)
    location_id = fields.Integer(required=True)
    qty = fields.Integer(required=True)
    status = fields.Enum(ReservationStatus, by_value=True, required=True)
    engineer_id = fields.Integer(allow_none=True)
    needed_on = fields.Date(allow_none=True)
    pick_list_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    close_reason = fields.String(allow_none=True)


class ReservationQuery(Schema):
    status = fields.Enum(ReservationStatus, by_value=True)
    work_order_id = QueryId()
    location_id = QueryId()
    engineer_id = QueryId()
    pick_list_id = QueryId()
    needed_on = Day()
    sku = Sku()


class ReleaseIn(Schema):
    reason = Prose(500)


class IssueIn(Schema):
    serials = fields.List(Text(64), validate=validate.Length(max=1000),
                          metadata={"description": "Serialized parts: one serial per unit."})


class PickLineOut(Schema):
    reservation_id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    work_order_number = fields.String(allow_none=True)
    sku = fields.String(required=True)
    part_name = fields.String(required=True)
    serialized = fields.Boolean(required=True)
    qty = fields.Integer(required=True)
    status = fields.Enum(ReservationStatus, by_value=True, required=True)


class PickListOut(Schema):
    id = fields.Integer(required=True)
    warehouse_id = fields.Integer(required=True)
    warehouse_code = fields.String(required=True)
    needed_on = fields.Date(required=True)
    engineer_id = fields.Integer(required=True)
    engineer_name = fields.String(allow_none=True)
    van_id = fields.Integer(allow_none=True)
    open_lines = fields.Integer(required=True)
    lines = fields.List(fields.Nested(PickLineOut), required=True)


class PickListQuery(Schema):
    date = Day(required=True, metadata={"description": "The service day."})
    warehouse_id = QueryId()
    engineer_id = QueryId()


class PickIssueLine(Schema):
    reservation_id = Id(required=True)
    serials = fields.List(Text(64), validate=validate.Length(max=1000))


class PickIssueIn(Schema):
    lines = fields.List(fields.Nested(PickIssueLine), validate=validate.Length(min=1, max=500),
                        metadata={"description": "The lines handed over; leave out to issue every "
                                                 "open line."})
