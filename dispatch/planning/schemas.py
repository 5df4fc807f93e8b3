"""Load and dump schemas for plans and pins.

Everything a run produces (status, progress, routes, reasons) is dump-only: a client asks for
a plan with a date and a time limit and reads the rest.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.schemas import Day, Id, Moment, Text
from dispatch.planning.models import PlanKind, PlanState, RunStatus

TIME_LIMIT = validate.Range(min=0.1, max=3600)


class PlanIn(Schema):
    date = Day(required=True, metadata={"description": "The service day (local, service timezone)."})
    time_limit_s = fields.Float(validate=TIME_LIMIT, metadata={"description": "Search time; default 30 s."})
    territory = Text(64, metadata={"description": "Plan only this territory's engineers and jobs."})


class ReplanIn(Schema):
    date = Day(required=True)
    now = Moment(required=True, metadata={"description": "Plan from this moment: nothing new starts before."})
    unavailable_engineers = fields.List(Id(), load_default=list, validate=validate.Length(max=500))
    time_limit_s = fields.Float(validate=TIME_LIMIT)


class PlanQuery(Schema):
    date = Day()
    state = fields.Enum(PlanState, by_value=True)
    run_status = fields.Enum(RunStatus, by_value=True)
    kind = fields.Enum(PlanKind, by_value=True)


class PinIn(Schema):
    work_order_id = Id(required=True)
    engineer_id = Id(required=True)
    start_at = Moment(allow_none=True, metadata={"description": "Optional fixed start of service."})


class PinOut(Schema):
    id = fields.Integer()
    service_date = fields.Date()
    work_order_id = fields.Integer()
    engineer_id = fields.Integer()
    start_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()


class ProgressOut(Schema):
    elapsed_s = fields.Float()
    served = fields.Integer()
    objective = fields.Integer(allow_none=True)
    updated_at = fields.AwareDateTime(allow_none=True)


class TotalsOut(Schema):
    jobs = fields.Integer()
    engineers = fields.Integer()
    served = fields.Integer()
    unassigned = fields.Integer()
    travel_s = fields.Integer()
    distance_km = fields.Float()
    overtime_s = fields.Integer()


class StopOut(Schema):
    sequence = fields.Integer()
    work_order_id = fields.Integer()
    work_order_number = fields.String(allow_none=True)
    arrival_at = fields.AwareDateTime()
    start_at = fields.AwareDateTime()
    end_at = fields.AwareDateTime()
    travel_s = fields.Integer()
    distance_m = fields.Integer()
    fixed = fields.Boolean(metadata={"description": "Under way: stays with its engineer."})


class RouteOut(Schema):
    engineer_id = fields.Integer()
    engineer_name = fields.String(allow_none=True)
    departure_at = fields.AwareDateTime()
    return_at = fields.AwareDateTime()
    break_start_at = fields.AwareDateTime(allow_none=True)
    break_end_at = fields.AwareDateTime(allow_none=True)
    travel_s = fields.Integer()
    distance_m = fields.Integer()
    overtime_s = fields.Integer()
    stops = fields.List(fields.Nested(StopOut))


class SuggestionOut(Schema):
    kind = fields.String()
    text = fields.String()
    engineer_id = fields.Integer(allow_none=True)
    window_start_at = fields.AwareDateTime(allow_none=True)
    window_end_at = fields.AwareDateTime(allow_none=True)
    overtime_s = fields.Integer(allow_none=True)


class UnassignedOut(Schema):
    work_order_id = fields.Integer()
    work_order_number = fields.String(allow_none=True)
    reason = fields.String(metadata={"description": "no-skilled-engineer, window-outside-shifts, "
                                     "parts-unavailable, no-capacity or pinned-conflict"})
    detail = fields.String(allow_none=True)
    suggestion = fields.Nested(SuggestionOut, allow_none=True)


class MoveOut(Schema):
    work_order_id = fields.Integer()
    from_engineer_id = fields.Integer(allow_none=True)
    to_engineer_id = fields.Integer(allow_none=True)
    from_start_at = fields.AwareDateTime(allow_none=True)
    to_start_at = fields.AwareDateTime(allow_none=True)


class DiffOut(Schema):
    added = fields.List(fields.Nested(MoveOut))
    moved = fields.List(fields.Nested(MoveOut))
    removed = fields.List(fields.Nested(MoveOut))
    unchanged = fields.Integer()


class PlanOut(Schema):
    id = fields.Integer()
    service_date = fields.Date()
    territory = fields.String(allow_none=True)
    kind = fields.Enum(PlanKind, by_value=True)
    state = fields.Enum(PlanState, by_value=True)
    run_status = fields.Enum(RunStatus, by_value=True)
    time_limit_s = fields.Float()
    replan_now = fields.AwareDateTime(allow_none=True)
    unavailable_engineers = fields.List(fields.Integer())
    base_plan_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime()
    started_at = fields.AwareDateTime(allow_none=True)
    finished_at = fields.AwareDateTime(allow_none=True)
    published_at = fields.AwareDateTime(allow_none=True)
    error = fields.String(allow_none=True)
    engine = fields.String(allow_none=True)
    progress = fields.Nested(ProgressOut)
    totals = fields.Nested(TotalsOut)
    routes = fields.List(fields.Nested(RouteOut))
    unassigned = fields.List(fields.Nested(UnassignedOut))
    diff = fields.Nested(DiffOut, allow_none=True, metadata={"description": "A draft against the day now."})


class PlanSummaryOut(Schema):
    id = fields.Integer()
    service_date = fields.Date()
    territory = fields.String(allow_none=True)
    kind = fields.Enum(PlanKind, by_value=True)
    state = fields.Enum(PlanState, by_value=True)
    run_status = fields.Enum(RunStatus, by_value=True)
    created_at = fields.AwareDateTime()
    served = fields.Integer()
    job_count = fields.Integer()


class AcceptedOut(Schema):
    id = fields.Integer()
    run_status = fields.Enum(RunStatus, by_value=True)
    location = fields.String()


class MyPlanQuery(Schema):
    date = Day(required=True, metadata={"description": "Local day (service timezone)."})


class MyPlanOut(Schema):
    plan_id = fields.Integer(allow_none=True)
    service_date = fields.Date()
    route = fields.Nested(RouteOut, allow_none=True, metadata={
        "description": "The published route with each stop's ETA (arrival), start and end; null if none."})
