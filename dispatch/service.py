"""Use cases on plans: ask for one (a day or a re-plan), read it, cancel it, and record what
the optimizer found. Solving itself happens elsewhere (``dispatch.runs``), off the request.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from core.auth import Actor
from core.clock import local_date
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError
from dispatch.errors import InvalidPlanRequest, PlanFinished, PlanNotFound
from dispatch.models import (
    Plan,
    PlanDay,
    PlanKind,
    PlanState,
    Route,
    RunStatus,
    Stop,
    UnassignedWorkOrder,
)
from dispatch.optimizer.solution import ProgressPoint, Solution, UnassignedJob
from dispatch.snapshot import PlanningDay
from engineers import known_engineer_ids

LARGEST_ID = 2**31 - 1


def request_plan(uow: UnitOfWork, actor: Actor | None, service_date: date, time_limit_s: float | None = None,
                 territory: str | None = None) -> Plan:
    """A queued draft for the date; the runner solves it. Pins of the date apply to every run."""
    return _queued(uow, actor, PlanKind.DAY, service_date, time_limit_s, territory=territory)


def request_replan(uow: UnitOfWork, actor: Actor, service_date: date, now: datetime,
                   unavailable_engineer_ids: Iterable[int] = (), time_limit_s: float | None = None) -> Plan:
    """Today again from ``now``: a draft to compare with (and replace) the published plan."""
    if local_date(now, ZoneInfo(uow.settings.get("TIMEZONE") or "UTC")) != service_date:
        raise InvalidPlanRequest("A re-plan starts on its own day.", [FieldError(
            "now", f"Must be a moment of {service_date.isoformat()} (service timezone).")])
    unavailable = sorted(set(unavailable_engineer_ids))
    known = known_engineer_ids(uow, unavailable)
    unknown = [e for e in unavailable if e not in known]
    if unknown:
        raise InvalidPlanRequest("Unknown engineers.", [FieldError(
            "unavailable_engineers", f"No engineer {', '.join(map(str, unknown))}.")])
    return _queued(uow, actor, PlanKind.REPLAN, service_date, time_limit_s, now=now,
                   unavailable=unavailable)


def _queued(uow: UnitOfWork, actor: Actor | None, kind: PlanKind, service_date: date,
            time_limit_s: float | None, territory: str | None = None, now: datetime | None = None,
            unavailable: list[int] | None = None) -> Plan:
    limit = float(time_limit_s if time_limit_s is not None else uow.settings.get("PLAN_TIME_LIMIT_S", 30.0))
    most = float(uow.settings.get("PLAN_MAX_TIME_LIMIT_S") or 600.0)
    if not 0 < limit <= most:
        raise InvalidPlanRequest("The time limit is out of range.",
                                 [FieldError("time_limit_s", f"Between 0 and {most:g} seconds.")])
    plan = Plan(service_date=service_date, territory=territory, kind=kind, state=PlanState.DRAFT,
                run_status=RunStatus.QUEUED, time_limit_s=limit, replan_now=now,
                unavailable_engineer_ids=",".join(map(str, unavailable or [])) or None,
                base_plan_id=published_plan_id(uow, service_date),
                requested_by_user_id=actor.user_id if actor else None, created_at=uow.now(),
                elapsed_s=0.0, served=0, job_count=0, engineer_count=0, travel_s=0, distance_m=0,
                overtime_s=0)
    uow.session.add(plan)
    uow.session.flush()
    return plan


def published_plan_id(uow: UnitOfWork, service_date: date) -> int | None:
    return uow.session.scalar(select(PlanDay.published_plan_id).where(PlanDay.service_date == service_date))


def get_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    plan = uow.session.get(Plan, plan_id) if plan_id <= LARGEST_ID else None
    if plan is None:
        raise PlanNotFound(f"No plan {plan_id}.")
    return plan


def list_plans(uow: UnitOfWork, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Plan).order_by(Plan.id.desc())
    for name in ("service_date", "state", "run_status", "kind"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(Plan, name) == filters[name])
    return SelectCollection(uow.session, stmt)


def cancel_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    """Queued or running: it stops (the worker sees it and ends its search); finished: 409."""
    plan = _locked(uow, plan_id)
    if plan.finished:
        raise PlanFinished(f"Plan {plan_id} already finished ({plan.run_status.value}).",
                           run_status=plan.run_status.value)
    plan.run_status = RunStatus.CANCELLED
    plan.finished_at = uow.now()
    uow.session.flush()
    return plan


def _locked(uow: UnitOfWork, plan_id: int) -> Plan:
    get_plan(uow, plan_id)
    return uow.session.scalars(select(Plan).where(Plan.id == plan_id).with_for_update()
                               .execution_options(populate_existing=True)).one()


# --- what the worker records -------------------------------------------------------------------


def start_run(uow: UnitOfWork, plan_id: int, worker_pid: int | None) -> Plan | None:
    """Claims a queued plan for one worker; None if it was cancelled or claimed meanwhile."""
    plan = _locked(uow, plan_id)
    if plan.run_status is not RunStatus.QUEUED:
        return None
    plan.run_status, plan.started_at, plan.worker_pid = RunStatus.RUNNING, uow.now(), worker_pid
    uow.session.flush()
    return plan


def record_counts(plan: Plan, day: PlanningDay) -> None:
    plan.job_count = len(day.problem.jobs) + len(day.left_out)
    plan.engineer_count = len(day.problem.engineers)


def record_progress(uow: UnitOfWork, plan_id: int, point: ProgressPoint | None, elapsed_s: float) -> bool:
    """Live figures for the UI; False when the run was cancelled (the worker should stop)."""
    plan = _locked(uow, plan_id)
    if plan.run_status is not RunStatus.RUNNING:
        return False
    plan.elapsed_s, plan.progress_at = round(elapsed_s, 2), uow.now()
    if point is not None:
        plan.served, plan.objective = point.served, point.objective
    uow.session.flush()
    return True


def fail_stalled_runs(uow: UnitOfWork, silent_for_s: float = 60.0, unclaimed_for_s: float = 600.0
                      ) -> list[int]:
    """Runs whose worker died (killed, machine restarted) would say "running" forever: one
    with no heartbeat for ``silent_for_s``, or queued and never claimed for ``unclaimed_for_s``,
    is marked failed so the dispatcher sees it and plans again."""
    now = uow.now()
    silent = select(Plan).where(Plan.run_status == RunStatus.RUNNING,
                                func.coalesce(Plan.progress_at, Plan.started_at)
                                < now - timedelta(seconds=silent_for_s))
    unclaimed = select(Plan).where(Plan.run_status == RunStatus.QUEUED,
                                   Plan.created_at < now - timedelta(seconds=unclaimed_for_s))
    stalled = []
    for plan in [*uow.session.scalars(silent.with_for_update()),
                 *uow.session.scalars(unclaimed.with_for_update())]:
        why = "no worker picked it up" if plan.run_status is RunStatus.QUEUED else "its worker stopped"
        plan.run_status, plan.finished_at = RunStatus.FAILED, now
        plan.error = f"The run was given up: {why}. Plan the day again."
        stalled.append(plan.id)
    uow.session.flush()
    return stalled


def record_failure(uow: UnitOfWork, plan_id: int, error: str) -> None:
    plan = _locked(uow, plan_id)
    if plan.run_status in (RunStatus.QUEUED, RunStatus.RUNNING):
        plan.run_status, plan.error, plan.finished_at = RunStatus.FAILED, error[:4000], uow.now()
        uow.session.flush()


def record_solution(uow: UnitOfWork, plan_id: int, day: PlanningDay, solution: Solution, problem_json: str,
                    matrices: bytes) -> Plan | None:
    """Routes, stops and the jobs left out, with their reasons, and the problem they answer (so
    publishing can check them again); None if the run was cancelled meanwhile."""
    plan = _locked(uow, plan_id)
    if plan.run_status is not RunStatus.RUNNING:
        return None
    plan.problem_json, plan.matrices = problem_json, matrices
    for route in solution.routes:
        plan.routes.append(Route(
            engineer_id=day.engineer_ids[route.engineer_id], departure_s=route.departure_s,
            return_s=route.return_s, return_travel_s=route.return_travel_s,
            return_distance_m=route.return_distance_m, break_start_s=route.break_start_s,
            break_end_s=route.break_end_s, overtime_s=route.overtime_s,
            stops=[Stop(sequence=n, work_order_id=day.work_order_ids[s.job_id], arrival_s=s.arrival_s,
                        start_s=s.start_s, end_s=s.end_s, travel_s=s.travel_s, distance_m=s.distance_m,
                        fixed=s.job_id in day.fixed_keys)
                   for n, s in enumerate(route.stops, start=1)]))
    plan.unassigned.extend(_unassigned(day, item) for item in solution.unassigned)
    plan.unassigned.extend(UnassignedWorkOrder(work_order_id=item.work_order_id, reason=item.reason,
                                               detail=item.detail) for item in day.left_out)
    plan.run_status, plan.finished_at = RunStatus.DONE, uow.now()
    plan.elapsed_s = round(solution.stats.elapsed_s, 2)
    plan.served, plan.objective, plan.engine = solution.served, solution.objective, solution.stats.engine
    plan.travel_s, plan.distance_m = solution.travel_s, solution.distance_m
    plan.overtime_s = solution.overtime_s
    uow.session.flush()
    return plan


DETAILS = {
    "no-skilled-engineer": "Nobody working that day holds the required skills at the required level.",
    "window-outside-shifts": "No skilled engineer's shift (with its overtime) reaches it within its window.",
    "parts-unavailable": "No skilled engineer can get its parts from their van or their van's warehouse.",
    "no-capacity": "The skilled engineers' days are full.",
    "pinned-conflict": "Its pin cannot hold.",
}


def _unassigned(day: PlanningDay, item: UnassignedJob) -> UnassignedWorkOrder:
    suggestion = item.suggestion
    row = UnassignedWorkOrder(work_order_id=day.work_order_ids[item.job_id], reason=item.reason.value,
                              detail=DETAILS.get(item.reason.value))
    if suggestion is not None:
        row.suggestion_kind, row.suggestion_text = suggestion.kind.value, suggestion.text
        row.suggestion_engineer_id = day.engineer_ids.get(suggestion.engineer_id or "")
        row.suggestion_window_start_s = suggestion.window_start_s
        row.suggestion_window_end_s = suggestion.window_end_s
        row.suggestion_overtime_s = suggestion.overtime_s
    return row
