"""Dump schema for an asset's history as the engineer on a job sees it."""

from __future__ import annotations

from marshmallow import Schema, fields

from workorders.customers.schemas import AssetOut
from workorders.lifecycle import Status
from workorders.triage import WorkType


class PastVisitOut(Schema):
    number = fields.String(required=True)
    status = fields.Enum(Status, by_value=True, required=True)
    work_type = fields.Enum(WorkType, by_value=True, required=True)
    symptom = fields.String(allow_none=True)
    resolution_notes = fields.String(allow_none=True)
    completed_at = fields.AwareDateTime(allow_none=True)
    within_repeat_window = fields.Boolean(
        required=True, metadata={"description": "Repaired within the repeat window before this job."})


class AssetHistoryOut(Schema):
    work_order_id = fields.Integer(required=True)
    asset = fields.Nested(AssetOut, allow_none=True)
    repeat_repair = fields.Boolean(
        required=True, metadata={"description": "The asset was repaired within repeat_window_days before "
                                                "this job's window: a repeat repair."})
    repeat_window_days = fields.Integer(required=True)
    last_repair_at = fields.AwareDateTime(allow_none=True)
    visits = fields.List(fields.Nested(PastVisitOut), required=True,
                         metadata={"description": "Other visits to this asset, newest first."})
