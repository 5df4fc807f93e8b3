"""Load and dump schemas for service requests, their triage and their log."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate, validates_schema

from core.schemas import Day, Id, Moment, Prose, QueryId, Text
from workorders.orders.schemas import MAX_DURATION_S, PartNeededLine, PlanFields, SkillLine, both_or_neither
from workorders.requests.models import RequestStatus, StepKind
from workorders.triage import Category, Channel, WorkType


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
    owner_user_id = fields.Integer(allow_none=True, metadata={"description": "The agent who owns it."})
    respond_by = fields.AwareDateTime(allow_none=True, metadata={
        "description": "When the customer must have heard back (the tier's first-response time)."})
    callback_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "The call-back agreed with the customer; the owner is reminded then."})
    remote_assistance_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "When remote assistance was tried, with the customer's consent."})
    repeat_repair = fields.Boolean(required=True, metadata={
        "description": "The asset had a visit completed in the 30 days before the request."})
    repeat_of_work_order_id = fields.Integer(allow_none=True)
    repeat_of_number = fields.String(allow_none=True)
    repeat_of_engineer_id = fields.Integer(allow_none=True, metadata={
        "description": "Who did the first repair: planning prefers them."})
    repeat_of_completed_at = fields.AwareDateTime(allow_none=True)


class RequestStepOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.Enum(StepKind, by_value=True, required=True)
    at = fields.AwareDateTime(required=True)
    actor_user_id = fields.Integer(allow_none=True)
    notes = fields.String(allow_none=True)
    consent_name = fields.String(allow_none=True)


class ServiceRequestQuery(Schema):
    status = fields.Enum(RequestStatus, by_value=True)
    channel = fields.Enum(Channel, by_value=True)
    category = fields.Enum(Category, by_value=True)
    customer_id = QueryId()
    owner_user_id = QueryId()
    date = Day(metadata={"description": "Local day (service timezone) the request was received."})


class ResolveIn(Schema):
    notes = Prose(2000, required=True)


class RejectIn(Schema):
    reason = Prose(500, required=True)


class RequestAssignIn(Schema):
    owner_user_id = Id(required=True, allow_none=True,
                       metadata={"description": "An agent or supervisor; null leaves it unowned."})


class RemoteAssistanceIn(Schema):
    consent_name = Text(120, required=True, metadata={
        "description": "Who agreed to the remote session (the customer's consent is required)."})
    notes = Prose(2000, required=True, metadata={"description": "What was tried and what came of it."})


class CallBackIn(Schema):
    callback_at = Moment(required=True, allow_none=True,
                         metadata={"description": "In the future; null when nothing is pending any more."})
    notes = Prose(1000, metadata={"description": "What the customer is to come back with."})


class ConvertIn(PlanFields):
    """Every field is optional: what is left out comes from the proposal (``visit-proposal``)."""

    estimated_duration_s = fields.Integer(strict=True, validate=validate.Range(min=60, max=MAX_DURATION_S))


class VisitProposalOut(Schema):
    work_type = fields.Enum(WorkType, by_value=True, required=True)
    priority = fields.Integer(required=True)
    estimated_duration_s = fields.Integer(required=True)
    window_start = fields.AwareDateTime(allow_none=True, metadata={"description": "The preferred time, "
                                                                   "when it fits in one local day."})
    window_end = fields.AwareDateTime(allow_none=True)
    required_skills = fields.List(fields.Nested(SkillLine), required=True)
    parts_needed = fields.List(fields.Nested(PartNeededLine), required=True)
    repeat_repair = fields.Boolean(required=True)
    repeat_of_work_order_id = fields.Integer(allow_none=True)
    repeat_of_number = fields.String(allow_none=True)
    repeat_of_engineer_id = fields.Integer(allow_none=True)
    repeat_of_completed_at = fields.AwareDateTime(allow_none=True)
