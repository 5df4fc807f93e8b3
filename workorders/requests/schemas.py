"""Load and dump schemas for service requests and their triage."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate, validates_schema

from core.schemas import Day, Id, Moment, Prose, QueryId
from workorders.orders.schemas import MAX_DURATION_S, PlanFields, both_or_neither
from workorders.requests.models import RequestStatus
from workorders.triage import Category, Channel


class ServiceRequestIn(Schema):
    channel = fields.Enum(Channel, by_value=True, required=True)
    category = fields.Enum(Category, by_value=True, required=True)
    customer_id = Id(required=True)
    site_id = Id(required=True)
    asset_id = Id(allow_none=True)
    symptom = Prose(2000, required=True)
    preferred_start = Moment(allow_none=True)
    preferred_end = Moment(allow_none=True)

    @validates_schema
    def _preferred_time(self, data: dict[str, Any], **_: Any) -> None:
        both_or_neither(data, "preferred_start", "preferred_end")


class ServiceRequestOut(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.Enum(RequestStatus, by_value=True, required=True)
    channel = fields.Enum(Channel, by_value=True, required=True)
    category = fields.Enum(Category, by_value=True, required=True)
    customer_id = fields.Integer(required=True)
    site_id = fields.Integer(required=True)
    asset_id = fields.Integer(allow_none=True)
    symptom = fields.String(required=True)
    preferred_start = fields.AwareDateTime(allow_none=True)
    preferred_end = fields.AwareDateTime(allow_none=True)
    resolution_notes = fields.String(allow_none=True)
    rejection_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    triaged_at = fields.AwareDateTime(allow_none=True)


class ServiceRequestQuery(Schema):
    status = fields.Enum(RequestStatus, by_value=True)
    channel = fields.Enum(Channel, by_value=True)
    category = fields.Enum(Category, by_value=True)
    customer_id = QueryId()
    date = Day(metadata={"description": "Local day (service timezone) the request was received."})


class ResolveIn(Schema):
    notes = Prose(2000, required=True)


class RejectIn(Schema):
    reason = Prose(500, required=True)


class ConvertIn(PlanFields):
    estimated_duration_s = fields.Integer(required=True, strict=True,
                                          validate=validate.Range(min=60, max=MAX_DURATION_S))
