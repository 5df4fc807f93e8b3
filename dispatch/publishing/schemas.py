"""What publishing answers: the plan, what it changed, and what it set in motion."""

from __future__ import annotations

from marshmallow import Schema, fields

from dispatch.planning.schemas import DiffOut, PlanSummaryOut


class PublishOut(Schema):
    plan = fields.Nested(PlanSummaryOut)
    already_published = fields.Boolean()
    notices = fields.Integer(metadata={"description": "Customer notices queued."})
    reservations = fields.Integer(metadata={"description": "Part reservations made."})
    diff = fields.Nested(DiffOut)
