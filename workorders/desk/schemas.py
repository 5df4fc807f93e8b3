"""Dump and query schemas for the desk: its queue, its figures, its people, the customer file."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.auth import Role
from core.schemas import Day
from workorders.complaints.schemas import ComplaintOut
from workorders.customers.schemas import CustomerOut
from workorders.lifecycle import Status
from workorders.requests.schemas import ServiceRequestOut
from workorders.triage import WorkType

NEWEST_FIRST = {"description": "Newest first."}


class QueueQuery(Schema):
    kind = fields.String(validate=validate.OneOf(["request", "complaint"]))
    mine = fields.Boolean(metadata={"description": "Only what the caller owns."})
    sort = fields.String(load_default="unowned_first",
                         validate=validate.OneOf(["unowned_first", "mine_first"]),
                         metadata={"description": "unowned_first (default) or mine_first (then unowned); "
                                                  "then by due time."})


class QueueItemOut(Schema):
    kind = fields.String(required=True, metadata={"description": "request or complaint"})
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.String(required=True)
    customer_id = fields.Integer(required=True)
    customer_name = fields.String(required=True)
    summary = fields.String(required=True, metadata={"description": "The symptom or the complaint."})
    severity = fields.String(allow_none=True)
    owner_user_id = fields.Integer(allow_none=True)
    owner_username = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    age_s = fields.Integer(required=True)
    due_at = fields.AwareDateTime(allow_none=True)
    overdue = fields.Boolean(required=True)
    callback_at = fields.AwareDateTime(allow_none=True)
    callback_due = fields.Boolean(required=True,
                                  metadata={"description": "The agreed call-back time has come."})
    escalated = fields.Boolean(required=True)
    breached = fields.Boolean(required=True)
    repeat_repair = fields.Boolean(required=True)


class FiguresQuery(Schema):
    date = Day(metadata={"description": "Local day (service timezone); today when left out."})


class OwnerLoadOut(Schema):
    owner_user_id = fields.Integer(allow_none=True, metadata={"description": "None: nobody's yet."})
    username = fields.String(allow_none=True)
    open_requests = fields.Integer(required=True)
    open_complaints = fields.Integer(required=True)


class DeskFiguresOut(Schema):
    day = fields.Date(required=True)
    requests_received = fields.Integer(required=True)
    requests_resolved_remotely = fields.Integer(required=True)
    requests_converted = fields.Integer(required=True)
    complaints_received = fields.Integer(required=True)
    complaints_resolved = fields.Integer(required=True)
    open_requests = fields.Integer(required=True)
    unowned_requests = fields.Integer(required=True)
    call_backs_due = fields.Integer(required=True)
    open_complaints = fields.Integer(required=True)
    escalated_complaints = fields.Integer(required=True)
    breached_complaints = fields.Integer(required=True)
    complaints_due_soon = fields.Integer(required=True, metadata={"description": "Due within 4 hours."})
    by_owner = fields.List(fields.Nested(OwnerLoadOut), required=True)


class DeskMemberOut(Schema):
    user_id = fields.Integer(required=True)
    username = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)


class PreviousRepairOut(Schema):
    work_order_id = fields.Integer(required=True)
    number = fields.String(required=True)
    engineer_id = fields.Integer(allow_none=True)
    engineer_name = fields.String(allow_none=True)
    completed_at = fields.AwareDateTime(required=True)


class AssetInFileOut(Schema):
    id = fields.Integer(required=True)
    site_id = fields.Integer(required=True)
    product_model = fields.String(required=True)
    serial = fields.String(required=True)
    installed_on = fields.Date(allow_none=True)
    warranty_until = fields.Date(allow_none=True)
    warranty = fields.String(required=True, validate=validate.OneOf(["in_warranty", "expired", "unknown"]))
    repeat_repair = fields.Nested(PreviousRepairOut, allow_none=True, metadata={
        "description": "A visit completed in the last 30 days: a new fault is a repeat repair."})


class SiteInFileOut(Schema):
    id = fields.Integer(required=True)
    address = fields.String(required=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    access_notes = fields.String(allow_none=True)
    assets = fields.List(fields.Nested(AssetInFileOut), required=True)


class VisitInFileOut(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.Enum(Status, by_value=True, required=True)
    work_type = fields.Enum(WorkType, by_value=True, required=True)
    site_id = fields.Integer(required=True)
    asset_id = fields.Integer(allow_none=True)
    service_request_id = fields.Integer(allow_none=True)
    symptom = fields.String(allow_none=True)
    window_start = fields.AwareDateTime(allow_none=True)
    window_end = fields.AwareDateTime(allow_none=True)
    engineer_id = fields.Integer(allow_none=True)
    engineer_name = fields.String(allow_none=True)
    completed_at = fields.AwareDateTime(allow_none=True)
    resolution_notes = fields.String(allow_none=True)
    repeat_of_work_order_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class RatingInFileOut(Schema):
    work_order_id = fields.Integer(required=True)
    work_order_number = fields.String(required=True)
    rating = fields.Integer(required=True)
    comment = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    complaint_id = fields.Integer(allow_none=True)


class CustomerFileOut(Schema):
    customer = fields.Nested(CustomerOut, required=True)
    sites = fields.List(fields.Nested(SiteInFileOut), required=True)
    service_requests = fields.List(fields.Nested(ServiceRequestOut), required=True, metadata=NEWEST_FIRST)
    work_orders = fields.List(fields.Nested(VisitInFileOut), required=True, metadata=NEWEST_FIRST)
    complaints = fields.List(fields.Nested(ComplaintOut), required=True, metadata=NEWEST_FIRST)
    ratings = fields.List(fields.Nested(RatingInFileOut), required=True, metadata=NEWEST_FIRST)
