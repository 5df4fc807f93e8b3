"""A stored plan checked again by the optimizer's validator, exactly as it was solved: the
plan's rows turned back into the optimizer's Solution, against the problem kept with it.
Publishing refuses a plan that breaks a hard rule; tests hold every plan to it.
"""

from __future__ import annotations

from dispatch.optimizer.solution import ReasonCode, Solution, UnassignedJob
from dispatch.optimizer.solution import Route as SolvedRoute
from dispatch.optimizer.solution import Stop as SolvedStop
from dispatch.optimizer.validate import Violation, validate
from dispatch.planning.models import Plan
from dispatch.planning.snapshot import PlanningDay, load


def stored_solution(plan: Plan, day: PlanningDay) -> Solution:
    """The plan as the optimizer's Solution again, for the validator."""
    keys = {v: k for k, v in day.work_order_ids.items()}
    engineer_keys = {v: k for k, v in day.engineer_ids.items()}
    routes = tuple(SolvedRoute(
        engineer_keys[r.engineer_id],
        tuple(SolvedStop(keys[s.work_order_id], s.arrival_s, s.start_s, s.end_s, s.travel_s, s.distance_m)
              for s in r.stops),
        r.departure_s, r.return_s, r.return_travel_s, r.return_distance_m, r.break_start_s, r.break_end_s,
        r.overtime_s) for r in plan.routes)
    unassigned = tuple(UnassignedJob(keys[u.work_order_id], ReasonCode(u.reason))
                       for u in plan.unassigned if u.work_order_id in keys)
    return Solution(routes, unassigned, plan.objective or 0)


def plan_violations(plan: Plan, day: PlanningDay | None = None) -> list[Violation]:
    """The hard rules the stored plan breaks, checked against the problem it was solved from."""
    if day is None:
        day = load(plan.problem_json or "", plan.matrices or b"")
    return validate(day.problem, stored_solution(plan, day))
