"""What a plan run records, each in its own short transaction: the claim, the progress (which
also tells the worker whether it was cancelled), the routes and the jobs left out with their
reasons, or the failure; and the sweep that gives up runs whose worker died.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from core.db import UnitOfWork
from dispatch.optimizer.solution import ProgressPoint, Solution, UnassignedJob
from dispatch.planning.models import Plan, Route, RunStatus, Stop, UnassignedWorkOrder
from dispatch.planning.service import locked_plan
from dispatch.planning.snapshot import PlanningDay


def start_run(uow: UnitOfWork, plan_id: int, worker_pid: int | None) -> Plan | None:
    """Claims a queued plan for one worker; None if it was cancelled or claimed meanwhile."""
    plan = locked_plan(uow, plan_id)
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
    plan = locked_plan(uow, plan_id)
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
    plan = locked_plan(uow, plan_id)
    if plan.run_status in (RunStatus.QUEUED, RunStatus.RUNNING):
        plan.run_status, plan.error, plan.finished_at = RunStatus.FAILED, error[:4000], uow.now()
        uow.session.flush()


def record_solution(uow: UnitOfWork, plan_id: int, day: PlanningDay, solution: Solution, problem_json: str,
                    matrices: bytes) -> Plan | None:
    """Routes, stops and the jobs left out, with their reasons, and the problem they answer (so
    publishing can check them again); None if the run was cancelled meanwhile."""
    plan = locked_plan(uow, plan_id)
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
