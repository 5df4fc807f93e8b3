"""Load and dump schemas for work orders: planning them, moving them along, what is recorded on
site, and the asset's history.

Server-owned fields (number, status, version, chargeable, timestamps) appear only in the
dump schemas; a client sending them gets a 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.auth import Role
from core.schemas import Day, Id, Lat, Lon, Moment, Prose, QueryId, Text
from workorders.customers.schemas import AssetOut
from workorders.lifecycle import HoldReason, Status
from workorders.orders.models import EventKind
from workorders.triage import WorkType

MAX_DURATION_S = 12 * 3600
MONEY = validate.Regexp(r"^[0-9]{1,7}(\.[0-9]{1,2})?$", error="Yuan with up to two decimals, like 180.00.")


def both_or_neither(data: dict[str, Any], start: str, end: str) -> None:
    if (data.get(start) is None) != (data.get(end) is None):
        missing = end if data.get(end) is None else start
        raise ValidationError(f"Give both {start} and {end}, or neither.", missing)


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


class ReportFields(Schema):
    """What the engineer on the job writes from the field."""

    diagnosis_notes = Prose(4000, allow_none=True)
    resolution_notes = Prose(4000, allow_none=True)
    test_passed = fields.Boolean(allow_none=True)
    no_parts_used = fields.Boolean()
    quote_amount = fields.String(allow_none=True, validate=MONEY,
                                 metadata={"description": "Yuan, up to two decimals, as a string."})
    consent_name = Text(120, allow_none=True, metadata={"description": "Who consented to the quote."})


class WorkOrderPatch(PlanFields, ReportFields):
    estimated_duration_s = fields.Integer(strict=True, validate=validate.Range(min=60, max=MAX_DURATION_S))
    symptom = Prose(2000)


class TransitionIn(PlanFields, ReportFields):
    to = fields.Enum(Status, by_value=True, required=True)
    reason = Prose(500, metadata={"description": "Why; required to cancel."})
    hold_reason = fields.Enum(HoldReason, by_value=True, metadata={"description": "Required for on_hold."})
    engineer_id = Id(metadata={"description": "Required for assigned."})
    planned_start = Moment()
    planned_end = Moment()
    lat = Lat()
    lon = Lon()

    @validates_schema
    def _pairs(self, data: dict[str, Any], **_: Any) -> None:
        both_or_neither(data, "planned_start", "planned_end")
        both_or_neither(data, "lat", "lon")


class WorkOrderQuery(Schema):
    status = fields.Enum(Status, by_value=True)
    date = Day(metadata={"description": "Local day (service timezone) of the appointment window."})
    engineer_id = QueryId()
    customer_id = QueryId()
    priority = fields.Integer(validate=validate.Range(min=1, max=4))


class WorkOrderSummaryOut(Schema):
    """Safe for every role: no customer phone number or address."""

    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.Enum(Status, by_value=True, required=True)
    version = fields.Integer(required=True)
    service_request_id = fields.Integer(allow_none=True)
    customer_id = fields.Integer(required=True)
    site_id = fields.Integer(required=True)
    asset_id = fields.Integer(allow_none=True)
    work_type = fields.Enum(WorkType, by_value=True, required=True)
    priority = fields.Integer(required=True)
    estimated_duration_s = fields.Integer(required=True)
    window_start = fields.AwareDateTime(allow_none=True)
    window_end = fields.AwareDateTime(allow_none=True)
    chargeable = fields.Boolean(required=True)
    engineer_id = fields.Integer(allow_none=True)
    planned_start = fields.AwareDateTime(allow_none=True)
    planned_end = fields.AwareDateTime(allow_none=True)
    repeat_repair = fields.Boolean(required=True, metadata={
        "description": "A repeat repair: the asset's previous visit was completed within 30 days."})
    repeat_of_work_order_id = fields.Integer(allow_none=True, metadata={
        "description": "That previous visit; planning prefers its engineer."})
    required_skills = fields.List(fields.Nested(SkillLine), required=True)
    parts_needed = fields.List(fields.Nested(PartNeededLine), required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class WorkOrderOut(WorkOrderSummaryOut):
    """The whole job, for the office and the engineer on it (warehouse gets the summary)."""

    symptom = fields.String(allow_none=True)
    customer_name = fields.String(required=True, attribute="customer.name")
    customer_phone = fields.String(required=True, attribute="customer.phone")
    site_address = fields.String(required=True, attribute="site.address")
    site_lat = fields.Float(required=True, attribute="site.lat")
    site_lon = fields.Float(required=True, attribute="site.lon")
    site_access_notes = fields.String(allow_none=True, attribute="site.access_notes")
    customer_contacted_at = fields.AwareDateTime(allow_none=True)
    diagnosis_notes = fields.String(allow_none=True)
    resolution_notes = fields.String(allow_none=True)
    test_passed = fields.Boolean(allow_none=True)
    no_parts_used = fields.Boolean(required=True)
    quote_amount = fields.String(allow_none=True, metadata={"description": "Yuan, e.g. 180.00."})
    consent_name = fields.String(allow_none=True)
    consent_at = fields.AwareDateTime(allow_none=True)
    hold_reason = fields.Enum(HoldReason, by_value=True, allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    signed_at = fields.AwareDateTime(allow_none=True, metadata={"description": "When the customer signed."})


class EventOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.Enum(EventKind, by_value=True, required=True)
    from_status = fields.Enum(Status, by_value=True, required=True)
    to_status = fields.Enum(Status, by_value=True, required=True)
    actor_user_id = fields.Integer(required=True)
    actor_role = fields.Enum(Role, by_value=True, required=True)
    at = fields.AwareDateTime(required=True)
    reason = fields.String(allow_none=True)
    hold_reason = fields.Enum(HoldReason, by_value=True, allow_none=True)
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)


class ContactedIn(Schema):
    reason = Prose(500, metadata={"description": "What was agreed on the call."})
    lat = Lat()
    lon = Lon()


class PartUsedIn(Schema):
    """One part fitted from the engineer's van (a catalog SKU; the serial for a serialized part),
    or ``{"no_parts_used": true}`` to say explicitly that none were."""

    sku = Text(64)
    qty = fields.Integer(strict=True, validate=validate.Range(min=1, max=999))
    serial = Text(64)
    returnable = fields.Boolean(load_default=False,
                                metadata={"description": "Ignored: the parts catalog says whether the "
                                                         "replaced faulty part must go back."})
    faulty_serial = Text(64, metadata={"description": "Serial of the faulty part taken back."})
    faulty_missing_reason = Prose(500, metadata={"description": "Why the faulty part is not returned."})
    no_parts_used = fields.Boolean()

    @validates_schema
    def _a_part_or_none(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("no_parts_used"):
            if "sku" in data or "qty" in data:
                raise ValidationError("Either a part or no_parts_used, not both.", "no_parts_used")
            return
        for name in ("sku", "qty"):
            if name not in data:
                raise ValidationError("Missing data for required field.", name)


class PartUsedOut(Schema):
    id = fields.Integer(required=True)
    sku = fields.String(required=True)
    qty = fields.Integer(required=True)
    serial = fields.String(allow_none=True)
    returnable = fields.Boolean(required=True)
    faulty_serial = fields.String(allow_none=True)
    faulty_missing_reason = fields.String(allow_none=True)
    recorded_at = fields.AwareDateTime(required=True)


class PartsOut(Schema):
    work_order_id = fields.Integer(required=True, attribute="id")
    parts_needed = fields.List(fields.Nested(PartNeededLine), required=True)
    parts_used = fields.List(fields.Nested(PartUsedOut), required=True)
    no_parts_used = fields.Boolean(required=True)


class SignatureIn(Schema):
    signer_name = Text(120, required=True)
    image = fields.String(required=True, validate=validate.Length(min=30, max=300_000),
                          metadata={"description": "data:image/png;base64,… (PNG, at most 200 KiB)."})


class SignatureOut(Schema):
    signer_name = fields.String(required=True)
    image = fields.String(required=True)
    signed_at = fields.AwareDateTime(required=True)


class FeedbackIn(Schema):
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=5))
    comment = Prose(2000, allow_none=True)


class FeedbackOut(Schema):
    rating = fields.Integer(required=True)
    comment = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    complaint_id = fields.Integer(allow_none=True,
                                  metadata={"description": "The complaint case a poor rating opened."})


class RouteQuery(Schema):
    date = Day(metadata={"description": "Local day (service timezone); today when left out."})


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
