"""Making a plan's parts add up across jobs.

The optimizer is told, job by job, who can obtain the parts; it cannot see that one van unit
fits either of two jobs but not both. So after a search every routed job takes its parts in
route order from the shared stock (``parts.allocate``, as publishing will); where they run
out, that engineer is taken off that job and the search continues briefly from the plan it
had, minus those stops. If parts still run short after that, the short stops are simply
taken out of their routes (the times of the others stay valid: waiting is always allowed),
so a finished plan can always be reserved in full when it is published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dispatch.optimizer import solver
from dispatch.optimizer.explain import explain_unassigned
from dispatch.optimizer.options import SearchOptions
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.repair import feasible_routes
from dispatch.optimizer.solution import ProgressPoint, Route, Solution, Stop
from dispatch.planning.parts import allocate
from dispatch.planning.snapshot import PlanningDay

Solve = Callable[[PlanningDay, SearchOptions, Callable[[ProgressPoint], None] | None], Solution]
ROUNDS = 2
ROUND_SHARE = 0.2  # of the time limit, for each continued search
ROUND_MIN_S = 2.0


def solve_with_parts(day: PlanningDay, options: SearchOptions, solve: Solve,
                     reporter: Callable[[ProgressPoint], None] | None = None
                     ) -> tuple[PlanningDay, Solution]:
    solution = solve(day, options, reporter)
    for _round in range(ROUNDS):
        short = parts_short(day, solution)
        if not short:
            return day, solution
        day = replace(day, problem=without_engineers(day.problem, short))
        solution = _continue(day.problem, solution, short, options) or solution
    short = parts_short(day, solution)
    if short:
        day = replace(day, problem=without_engineers(day.problem, short))
        solution = drop_stops(day.problem, solution, set(short))
    return day, solution


def parts_short(day: PlanningDay, solution: Solution) -> dict[str, set[str]]:
    """Job key → engineer keys who could not get its parts, given the jobs before it."""
    picture = day.parts
    if picture is None:
        return {}
    order = [(day.work_order_ids[stop.job_id], day.engineer_ids[route.engineer_id])
             for route in solution.routes for stop in route.stops
             if stop.job_id not in day.fixed_keys and day.work_order_ids[stop.job_id] in picture.needs]
    _taken, short = allocate(order, picture.needs, picture.sources, picture.stock)
    keys = {v: k for k, v in day.work_order_ids.items()}
    engineer_keys = {v: k for k, v in day.engineer_ids.items()}
    found: dict[str, set[str]] = {}
    for work_order_id, engineer_id in short:
        found.setdefault(keys[work_order_id], set()).add(engineer_keys[engineer_id])
    return found


def without_engineers(problem: Problem, short: dict[str, set[str]]) -> Problem:
    jobs = []
    for job in problem.jobs:
        if job.id in short:
            allowed = job.allowed_engineers if job.allowed_engineers is not None \
                else frozenset(e.id for e in problem.engineers)
            job = replace(job, allowed_engineers=allowed - short[job.id])
        jobs.append(job)
    return replace(problem, jobs=jobs)


def _continue(problem: Problem, solution: Solution, short: dict[str, set[str]],
              options: SearchOptions) -> Solution | None:
    """A short single search seeded with the plan so far, short stops removed."""
    by_engineer = {r.engineer_id: [s.job_id for s in r.stops if s.job_id not in short]
                   for r in solution.routes}
    seed = feasible_routes(problem, [by_engineer.get(e.id, []) for e in problem.engineers])
    brief = replace(options, workers=1, time_limit_s=max(ROUND_MIN_S, ROUND_SHARE * options.time_limit_s))
    found = solver.solve_once(problem, brief, brief.time_limit_s, seed)
    if found is None:
        return None
    unassigned = explain_unassigned(problem, found.routes, found.dropped)
    return Solution(found.routes, unassigned, found.objective, found.stats)


def drop_stops(problem: Problem, solution: Solution, drop: set[str]) -> Solution:
    """The plan without these stops; each route's legs are recomputed, its starts kept."""
    routes = []
    for route in solution.routes:
        if not drop.intersection(route.job_ids):
            routes.append(route)
        elif any(job_id not in drop for job_id in route.job_ids):
            routes.append(_without(problem, route, drop))
    routed = {s.job_id for r in routes for s in r.stops}
    dropped = tuple(j.id for j in problem.jobs if j.id not in routed)
    return Solution(tuple(routes), explain_unassigned(problem, routes, dropped), solution.objective,
                    solution.stats)


def _without(problem: Problem, route: Route, drop: set[str]) -> Route:
    engineer = problem.engineer(route.engineer_id)
    break_s = (route.break_end_s or 0) - (route.break_start_s or 0)
    place, free_s, stops = engineer.departure_location, route.departure_s, []
    for stop in route.stops:
        if stop.job_id in drop:
            continue
        job = problem.job(stop.job_id)
        travel_s = int(problem.travel_s[place, job.location])
        arrival_s = free_s + travel_s
        arrival_s += _break_on_the_way(route, free_s, min(stop.start_s, arrival_s), break_s)
        stops.append(Stop(stop.job_id, min(arrival_s, stop.start_s), stop.start_s, stop.end_s, travel_s,
                          int(problem.distance_m[place, job.location])))
        place, free_s = job.location, stop.end_s
    return_travel_s = int(problem.travel_s[place, engineer.end_location])
    return_s = free_s + return_travel_s
    return_s += _break_on_the_way(route, free_s, return_s, break_s)
    return replace(route, stops=tuple(stops), return_s=return_s, return_travel_s=return_travel_s,
                   return_distance_m=int(problem.distance_m[place, engineer.end_location]),
                   overtime_s=max(0, return_s - engineer.shift_end_s))


def _break_on_the_way(route: Route, free_s: int, before_s: int, break_s: int) -> int:
    """The break delays the arrival when taken on the way (as ``optimizer.timing`` counts it)."""
    start = route.break_start_s
    return break_s if start is not None and free_s <= start < before_s else 0
