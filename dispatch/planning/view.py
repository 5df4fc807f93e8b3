"""A plan as the dispatcher reads it: live progress while it runs, then routes with clock times,
the jobs left out with their reasons, the totals, and what publishing it would change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import UnitOfWork
from dispatch.planning import snapshot
from dispatch.planning.diff import plan_diff
from dispatch.planning.models import Plan, PlanDay, PlanState, RunStatus
from engineers import engineer_names
from workorders import work_order_numbers


def plan_view(uow: UnitOfWork, plan: Plan) -> dict[str, Any]:
    view: dict[str, Any] = {
        name: getattr(plan, name) for name in (
            "id", "service_date", "territory", "kind", "state", "run_status", "time_limit_s", "replan_now",
            "base_plan_id", "created_at", "started_at", "finished_at", "published_at", "error", "engine")}
    view["unavailable_engineers"] = plan.unavailable
    view["progress"] = {"elapsed_s": plan.elapsed_s, "served": plan.served, "objective": plan.objective,
                        "updated_at": plan.progress_at}
    view["routes"], view["unassigned"], view["diff"] = [], [], None
    view["totals"] = {"jobs": plan.job_count, "engineers": plan.engineer_count, "served": plan.served,
                      "unassigned": len(plan.unassigned), "travel_s": plan.travel_s,
                      "distance_km": round(plan.distance_m / 1000, 1), "overtime_s": plan.overtime_s}
    if plan.run_status is not RunStatus.DONE:
        return view
    day = snapshot.load(plan.problem_json or "", plan.matrices or b"")
    ids = [s.work_order_id for r in plan.routes for s in r.stops] + [u.work_order_id for u in plan.unassigned]
    numbers = work_order_numbers(uow, ids)
    names = engineer_names(uow, {r.engineer_id for r in plan.routes})
    view["routes"] = [_route(r, day, numbers, names) for r in plan.routes]
    view["unassigned"] = [_unassigned(u, day, numbers) for u in plan.unassigned]
    if plan.state is PlanState.DRAFT:
        view["diff"] = plan_diff(uow, plan, day)[0].as_dict(day)
    return view


def my_published_route(uow: UnitOfWork, engineer_id: int, service_date: Any) -> dict[str, Any]:
    """The engineer's stops in the published plan of the date, with ETAs; empty if none."""
    plan_id = uow.session.scalar(select(PlanDay.published_plan_id)
                                 .where(PlanDay.service_date == service_date))
    plan = uow.session.get(Plan, plan_id) if plan_id is not None else None
    route = next((r for r in plan.routes if r.engineer_id == engineer_id), None) if plan else None
    if plan is None or route is None:
        return {"plan_id": plan.id if plan else None, "service_date": service_date, "route": None}
    day = snapshot.load(plan.problem_json or "", plan.matrices or b"")
    numbers = work_order_numbers(uow, [s.work_order_id for s in route.stops])
    names = engineer_names(uow, [engineer_id])
    return {"plan_id": plan.id, "service_date": service_date, "route": _route(route, day, numbers, names)}


def _route(route: Any, day: snapshot.PlanningDay, numbers: dict[int, str],
           names: dict[int, str]) -> dict[str, Any]:
    return {
        "engineer_id": route.engineer_id, "engineer_name": names.get(route.engineer_id),
        "departure_at": day.at(route.departure_s), "return_at": day.at(route.return_s),
        "break_start_at": day.at(route.break_start_s), "break_end_at": day.at(route.break_end_s),
        "travel_s": route.travel_s, "distance_m": route.distance_m, "overtime_s": route.overtime_s,
        "stops": [{"sequence": s.sequence, "work_order_id": s.work_order_id,
                   "work_order_number": numbers.get(s.work_order_id), "arrival_at": day.at(s.arrival_s),
                   "start_at": day.at(s.start_s), "end_at": day.at(s.end_s), "travel_s": s.travel_s,
                   "distance_m": s.distance_m, "fixed": s.fixed} for s in route.stops],
    }


def _unassigned(row: Any, day: snapshot.PlanningDay, numbers: dict[int, str]) -> dict[str, Any]:
    suggestion = None
    if row.suggestion_kind is not None:
        suggestion = {"kind": row.suggestion_kind, "text": row.suggestion_text,
                      "engineer_id": row.suggestion_engineer_id,
                      "window_start_at": day.at(row.suggestion_window_start_s),
                      "window_end_at": day.at(row.suggestion_window_end_s),
                      "overtime_s": row.suggestion_overtime_s}
    return {"work_order_id": row.work_order_id, "work_order_number": numbers.get(row.work_order_id),
            "reason": row.reason, "detail": row.detail, "suggestion": suggestion}
