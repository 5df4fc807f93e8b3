"""Load and dump schemas for service requests and their triage."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from workorders.requests.models import RequestStatus
from workorders.schemas_fields import Day, Id, Moment, QueryId, Text
from workorders.triage import Category, Channel, WorkType

MAX_DURATION_S = 12 * 3600


def both_or_neither(data: dict[str, Any], start: str, end: str) -> None:
    if (data.get(start) is None) != (data.get(end) is None):
        missing = end if data.get(end) is None else start
        raise ValidationError(f"Give both {start} and {end}, or neither.", missing)


class ServiceRequestIn(Schema):
    channel = fields.Enum(Channel, by_value=True, required=True)
    category = fields.Enum(Category, by_value=True, required=True)
    customer_id = Id(required=True)
    site_id = Id(required=True)
    asset_id = Id(allow_none=True)
    symptom = Text(2000, required=True)
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
    notes = Text(2000, required=True)


class RejectIn(Schema):
    reason = Text(500, required=True)


class SkillLine(Schema):
    skill = Text(64, required=True, metadata={"description": "Free text for now, e.g. locks."})
    min_level = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=3))


class PartNeededLine(Schema):
    sku = Text(64, required=True)
    qty = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=999))


class PlanFields(Schema):
    """What the office decides about a visit, on conversion or later."""

    work_type = fields.Enum(WorkType, by_value=True)
    priority = fields.Integer(strict=True, validate=validate.Range(min=1, max=4),
                              metadata={"description": "1 = most urgent. Derived from category and tier "
                                                       "when omitted."})
    window_start = Moment(metadata={"description": "Appointment window start (arrival)."})
    window_end = Moment(metadata={"description": "After window_start, on the same local day."})
    required_skills = fields.List(fields.Nested(SkillLine), validate=validate.Length(max=20))
    parts_needed = fields.List(fields.Nested(PartNeededLine), validate=validate.Length(max=50))

    @validates_schema
    def _window(self, data: dict[str, Any], **_: Any) -> None:
        both_or_neither(data, "window_start", "window_end")


class ConvertIn(PlanFields):
    estimated_duration_s = fields.Integer(required=True, strict=True,
                                          validate=validate.Range(min=60, max=MAX_DURATION_S))
