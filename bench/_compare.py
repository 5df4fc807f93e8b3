"""Benchmark-only helpers shared by the adapters to other solvers.

``_compare_pyvrp`` and ``_compare_vroom`` give PyVRP and VROOM everything of the
problem they can express and return an :class:`Outcome`: a Solution in our own terms,
what was left out, when the solver first had a plan. Plans are rebuilt from each
solver's visiting order on our matrix, so km and the validator's verdict are measured
the same way for every solver. Product code must never import these (nor vroom).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.solution import ReasonCode, Route, Solution, Stop, UnassignedJob

FORBIDDEN = 10**8  # seconds/metres: an edge no feasible route can take


@dataclass(frozen=True)
class Outcome:
    solver: str
    solution: Solution
    left_out: tuple[str, ...]
    seconds: float
    first_feasible_s: float | None = None
    progress: tuple[tuple[float, int], ...] = field(default=())
    check_breaks: bool = True


def drop_penalty(job: Job, problem: Problem) -> int:
    """What serving a job is worth, in travel seconds: more than any detour, by priority.

    A day's horizon of driving is the most one job could cost to fit in; P1 counts 8×
    a P4 and a pinned or started job 50× more, as in our model, so the other solvers
    weigh priorities and pins as strongly as ours does.
    """
    horizon_s = 24 * 3600
    pin_weight = 50 if job.must_engineer is not None else 1
    return horizon_s * (2 ** (4 - job.priority)) * pin_weight


def timed_route(problem: Problem, engineer: Engineer, jobs: Sequence[Job]) -> Route:
    """Earliest-start timing of a visiting order, leaving home as late as it can."""
    places = [engineer.departure_location] + [j.location for j in jobs] + [engineer.end_location]
    legs = [(int(problem.travel_s[a, b]), int(problem.distance_m[a, b]))
            for a, b in zip(places, places[1:], strict=False)]
    departure_s = engineer.available_from_s
    if jobs:
        departure_s = max(departure_s, jobs[0].window_start_s - legs[0][0])
    clock_s, stops = departure_s, []
    for job, (travel_s, distance_m) in zip(jobs, legs, strict=False):
        arrival_s = clock_s + travel_s
        start_s = max(arrival_s, job.window_start_s)
        clock_s = start_s + job.duration_s
        stops.append(Stop(job.id, arrival_s, start_s, clock_s, travel_s, distance_m))
    return Route(engineer_id=engineer.id, stops=tuple(stops), departure_s=departure_s,
                 return_s=clock_s + legs[-1][0], return_travel_s=legs[-1][0],
                 return_distance_m=legs[-1][1])


def as_solution(problem: Problem, routes: list[Route]) -> Solution:
    """Jobs not routed are listed with a placeholder reason: the adapters do not explain."""
    routed = {s.job_id for r in routes for s in r.stops}
    unassigned = tuple(UnassignedJob(j.id, ReasonCode.NO_CAPACITY)
                       for j in problem.jobs if j.id not in routed)
    return Solution(routes=tuple(r for r in routes if r.stops), unassigned=unassigned)


def common_left_out(problem: Problem) -> list[str]:
    """Soft parts of our model that neither other solver has."""
    notes = []
    if any(j.preferred_engineer for j in problem.jobs):
        notes.append("preferred engineers")
    if any(e.overtime_max_s for e in problem.engineers):
        notes.append("overtime (given as a hard end at shift end + allowed overtime, no cost)")
    if any(j.promised_engineer or j.promised_window for j in problem.jobs):
        notes.append("penalties for moving promised jobs")
    return notes


def places_of(problem: Problem) -> tuple[list[int], dict[int, int]]:
    """Our matrix index for each place the adapters see: depots first, then one per job.

    Every job gets its own place so per-engineer permissions can be cut into the
    matrix even when two jobs share an address.
    """
    depots = sorted({e.departure_location for e in problem.engineers}
                    | {e.end_location for e in problem.engineers})
    return depots + [j.location for j in problem.jobs], {p: i for i, p in enumerate(depots)}


def forbidden_jobs(problem: Problem, engineer: Engineer) -> frozenset[int]:
    """Jobs this engineer may not do: skills and levels, parts, pins, re-plan fixings."""
    return frozenset(i for i, job in enumerate(problem.jobs) if not job.may_be_done_by(engineer))


def lunch_route(problem: Problem, engineer: Engineer, jobs: Sequence[Job]) -> Route | None:
    """The order timed with the lunch break in the first gap where everything fits.

    Breaks are taken while waiting when possible (drive, then lunch), else before
    the drive; None when no gap takes the break without breaking a window or the shift.
    """
    lunch = engineer.lunch
    plain = timed_route(problem, engineer, jobs)
    if lunch is None or not jobs or plain.return_s <= lunch.window_start_s:
        return plain if _route_fits(engineer, jobs, plain) else None
    for gap in range(len(jobs) + 1):
        route = _timed_with_break_at(problem, engineer, jobs, plain, gap)
        if route is not None and _route_fits(engineer, jobs, route):
            return route
    return None


def _route_fits(engineer: Engineer, jobs: Sequence[Job], route: Route) -> bool:
    in_windows = all(j.window_start_s <= s.start_s <= j.window_end_s
                     for j, s in zip(jobs, route.stops, strict=True))
    return in_windows and route.return_s <= engineer.latest_return_s


def _timed_with_break_at(problem: Problem, engineer: Engineer, jobs: Sequence[Job],
                         plain: Route, gap: int) -> Route | None:
    """Earliest timing with the break in gap ``gap`` (0 = before the first job)."""
    legs = [(s.travel_s, s.distance_m) for s in plain.stops]
    legs.append((plain.return_travel_s, plain.return_distance_m))
    departure_s = engineer.available_from_s if gap == 0 else plain.departure_s
    clock_s, stops, taken = departure_s, [], None
    for index, (travel_s, distance_m) in enumerate(legs):
        arrival_s, ready_s = clock_s + travel_s, clock_s + travel_s
        if index == gap:
            taken = _place_break(engineer.lunch, clock_s, travel_s)
            if taken is None:
                return None
            arrival_s = arrival_s if taken[2] else taken[1] + travel_s
            ready_s = max(arrival_s, taken[1])
        if index == len(jobs):
            return Route(engineer.id, tuple(stops), departure_s, arrival_s, travel_s,
                         distance_m, taken[0], taken[1])
        start_s = max(ready_s, jobs[index].window_start_s)
        clock_s = start_s + jobs[index].duration_s
        stops.append(Stop(jobs[index].id, arrival_s, start_s, clock_s, travel_s, distance_m))
    return None


def _place_break(lunch, free_s: int, travel_s: int) -> tuple[int, int, bool] | None:  # noqa: ANN001
    """(start, end, after_the_drive) of the earliest lunch in its window, or None."""
    for after_drive, ready_s in ((True, free_s + travel_s), (False, free_s)):
        start_s = max(ready_s, lunch.window_start_s)
        if start_s + lunch.duration_s <= lunch.window_end_s:
            return start_s, start_s + lunch.duration_s, after_drive
    return None


def with_lunch(problem: Problem, routes: list[Route]) -> tuple[list[Route], int]:
    """Each route re-timed with lunch; jobs that no longer fit are dropped, in order."""
    by_id = {j.id: j for j in problem.jobs}
    engineers = {e.id: e for e in problem.engineers}
    timed, dropped = [], 0
    for route in routes:
        engineer, kept, best = engineers[route.engineer_id], [], None
        for stop in route.stops:
            candidate = lunch_route(problem, engineer, [*kept, by_id[stop.job_id]])
            if candidate is None:
                dropped += 1
                continue
            kept.append(by_id[stop.job_id])
            best = candidate
        if best is not None:
            timed.append(best)
    return timed, dropped
