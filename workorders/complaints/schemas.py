"""Load and dump schemas for complaint cases and their log."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.schemas import Id, Prose, QueryId, Text
from workorders.complaints.models import (
    ComplaintSource,
    ComplaintStatus,
    ComplaintStepKind,
    EscalationReason,
    Severity,
)
from workorders.complaints.service import SUBJECTS
from workorders.orders.schemas import MAX_DURATION_S, PlanFields
from workorders.triage import Channel


class SubjectIn(Schema):
    """At least one: a visit, an engineer, a part, or the service in general."""

    work_order_id = Id(allow_none=True)
    engineer_id = Id(allow_none=True)
    part_sku = Text(64, allow_none=True)
    service = fields.Boolean(metadata={"description": "About the service in general."})


def _with_subject(data: dict[str, Any]) -> None:
    subject = data.get("subject") or {}
    if not any(subject.get(name) for name in SUBJECTS):
        raise ValidationError("Give at least one of work_order_id, engineer_id, part_sku, or service: true.",
                              "subject")


class ComplaintFields(Schema):
    severity = fields.Enum(Severity, by_value=True, required=True)
    subject = fields.Nested(SubjectIn, required=True)
    demand = Prose(1000, allow_none=True, metadata={"description": "What the customer asks for."})

    @validates_schema
    def _subject(self, data: dict[str, Any], **_: Any) -> None:
        _with_subject(data)


class ComplaintIn(ComplaintFields):
    customer_id = Id(required=True)
    channel = fields.Enum(Channel, by_value=True, allow_none=True)
    description = Prose(2000, required=True,
                        metadata={"description": "The complaint in the customer's words."})


class ComplaintFromRequestIn(ComplaintFields):
    description = Prose(2000, metadata={"description": "The request's symptom when left out."})


class SubjectOut(Schema):
    work_order_id = fields.Integer(allow_none=True)
    work_order_number = fields.String(allow_none=True)
    engineer_id = fields.Integer(allow_none=True)
    part_sku = fields.String(allow_none=True)
    service = fields.Boolean(required=True)


class ComplaintOut(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.Enum(ComplaintStatus, by_value=True, required=True)
    severity = fields.Enum(Severity, by_value=True, required=True)
    source = fields.Enum(ComplaintSource, by_value=True, required=True)
    channel = fields.Enum(Channel, by_value=True, allow_none=True)
    customer_id = fields.Integer(required=True)
    customer_name = fields.String(required=True)
    subject = fields.Nested(SubjectOut, required=True, metadata={"description": "What it is about."})
    service_request_id = fields.Integer(allow_none=True)
    description = fields.String(required=True)
    demand = fields.String(allow_none=True)
    owner_user_id = fields.Integer(allow_none=True)
    owner_username = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    due_at = fields.AwareDateTime(required=True, metadata={
        "description": "24 h after receipt unless the customer's tier sets another time."})
    escalated = fields.Boolean(required=True)
    escalated_at = fields.AwareDateTime(allow_none=True)
    escalation_reason = fields.Enum(EscalationReason, by_value=True, allow_none=True)
    breached = fields.Boolean(required=True, metadata={
        "description": "Not answered by its due time; stays flagged until the customer confirms."})
    cause = fields.String(allow_none=True)
    action = fields.String(allow_none=True)
    resolved_at = fields.AwareDateTime(allow_none=True)
    customer_answer = fields.String(allow_none=True)
    confirmed_at = fields.AwareDateTime(allow_none=True)
    return_work_order_id = fields.Integer(allow_none=True)


class ComplaintStepOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.Enum(ComplaintStepKind, by_value=True, required=True)
    at = fields.AwareDateTime(required=True)
    actor_user_id = fields.Integer(allow_none=True, metadata={"description": "None: the scheduler."})
    from_status = fields.Enum(ComplaintStatus, by_value=True, allow_none=True)
    to_status = fields.Enum(ComplaintStatus, by_value=True, allow_none=True)
    notes = fields.String(allow_none=True)


class ComplaintQuery(Schema):
    status = fields.Enum(ComplaintStatus, by_value=True)
    severity = fields.Enum(Severity, by_value=True)
    customer_id = QueryId()
    work_order_id = QueryId()
    owner_user_id = QueryId()
    mine = fields.Boolean(metadata={"description": "Only those the caller owns."})
    escalated = fields.Boolean()
    breached = fields.Boolean()


class ComplaintAssignIn(Schema):
    owner_user_id = Id(required=True, allow_none=True,
                       metadata={"description": "An agent or supervisor; null leaves it unowned."})


class ComplaintNotesIn(Schema):
    notes = Prose(2000)


class ComplaintEscalateIn(Schema):
    notes = Prose(2000, required=True, metadata={"description": "Why the supervisor is needed."})


class ComplaintResolveIn(Schema):
    cause = Prose(2000, required=True)
    action = Prose(2000, required=True)


class ComplaintConfirmIn(Schema):
    customer_answer = Prose(2000, required=True, metadata={"description": "What the customer said."})


class ComplaintReopenIn(Schema):
    reason = Prose(2000, required=True)


class ReturnVisitIn(PlanFields):
    """Left out: the duration and skills of the visit complained about, a priority one step more urgent."""

    estimated_duration_s = fields.Integer(strict=True, validate=validate.Range(min=60, max=MAX_DURATION_S))
