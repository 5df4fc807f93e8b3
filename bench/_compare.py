"""Benchmark-only adapters: the same field day solved by PyVRP and by VROOM.

Each adapter gives the other solver everything of the problem it can express and
returns (a Solution in our own terms, what was left out, when it first had a plan).
The plan is rebuilt from the visiting order with our matrix, so km and the
validator's verdict are measured the same way for every solver. Product code must
never import this module (nor vroom).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

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


# --- PyVRP -------------------------------------------------------------------------


def _locations(problem: Problem) -> tuple[list[int], dict[int, int]]:
    """Our matrix index for each place the adapters see: depots first, then one per job.

    Every job gets its own place so per-engineer permissions can be cut into the
    matrix even when two jobs share an address.
    """
    depots = sorted({e.departure_location for e in problem.engineers}
                    | {e.end_location for e in problem.engineers})
    return depots + [j.location for j in problem.jobs], {p: i for i, p in enumerate(depots)}


def _forbidden_jobs(problem: Problem, engineer: Engineer) -> frozenset[int]:
    """Jobs this engineer may not do: skills and levels, parts, pins, re-plan fixings."""
    return frozenset(i for i, job in enumerate(problem.jobs) if not job.may_be_done_by(engineer))


def pyvrp_left_out(problem: Problem) -> list[str]:
    notes = ["lunch breaks (PyVRP has no breaks: each engineer gets the break time free; "
             "its plans are validated without the break rules)"]
    if any(e.max_distance_m for e in problem.engineers):
        notes.append("max distance per day (only max travel time is given, as max_distance)")
    return notes + common_left_out(problem)


def solve_pyvrp(problem: Problem, time_limit_s: float, seed: int) -> Outcome:
    """Skills, levels, parts and pins go in as one routing profile per permission set."""
    import pyvrp

    started = time.perf_counter()
    data = _pyvrp_data(problem)
    remaining_s = max(0.1, time_limit_s - (time.perf_counter() - started))
    result = pyvrp.solve(data, pyvrp.stop.MaxRuntime(remaining_s), seed=seed)
    seconds = time.perf_counter() - started
    routes = []
    for route in result.best.routes():
        engineer = problem.engineers[route.vehicle_type()]
        visits = [problem.jobs[a.idx] for a in route.schedule()
                  if a.type == pyvrp.ActivityType.CLIENT]
        routes.append(timed_route(problem, engineer, visits))
    first_s, progress = _pyvrp_progress(result, seconds - result.runtime)
    return Outcome("pyvrp", as_solution(problem, routes), tuple(pyvrp_left_out(problem)),
                   seconds, first_s, progress, check_breaks=False)


def _pyvrp_data(problem: Problem):  # noqa: ANN202 - pyvrp is imported lazily
    import pyvrp

    places, depot_index = _locations(problem)
    base = problem.travel_s[np.ix_(places, places)]
    profiles: dict[frozenset[int], int] = {}
    matrices = []
    for engineer in problem.engineers:
        forbidden = _forbidden_jobs(problem, engineer)
        if forbidden not in profiles:
            if (len(matrices) + 1) * base.nbytes > 3 * 2**30:
                raise MemoryError(f"PyVRP would need {len(matrices) + 1}+ profile matrices "
                                  f"of {base.nbytes >> 20} MiB; skipped")
            profiles[forbidden] = len(matrices)
            matrices.append(_cut(base, [len(depot_index) + j for j in forbidden]))
    clients = [_pyvrp_client(pyvrp, problem, job, len(depot_index) + i)
               for i, job in enumerate(problem.jobs)]
    vehicle_types = [_pyvrp_vehicle(pyvrp, e, depot_index, profiles[_forbidden_jobs(problem, e)])
                     for e in problem.engineers]
    return pyvrp.ProblemData(
        locations=[pyvrp.Location(0, 0) for _ in places],
        clients=clients,
        depots=[pyvrp.Depot(i) for i in range(len(depot_index))],
        vehicle_types=vehicle_types,
        distance_matrices=matrices,
        duration_matrices=matrices,
    )


def _cut(base: np.ndarray, forbidden: list[int]) -> np.ndarray:
    matrix = base.copy()
    matrix[:, forbidden] = FORBIDDEN
    matrix[forbidden, :] = FORBIDDEN
    np.fill_diagonal(matrix, 0)
    return matrix


def _pyvrp_client(pyvrp, problem: Problem, job: Job, location: int):  # noqa: ANN001, ANN202
    early, late = job.window_start_s, job.window_end_s
    if job.must_start_s is not None:
        early = late = job.must_start_s
    return pyvrp.Client(location=location, service_duration=job.duration_s, tw_early=early,
                        tw_late=late, prize=drop_penalty(job, problem),
                        required=job.fixed_engineer is not None, name=job.id)


def _pyvrp_vehicle(pyvrp, engineer: Engineer, depot_index: dict[int, int], profile: int):  # noqa: ANN001, ANN202
    extra = {} if engineer.max_travel_s is None else {"max_distance": engineer.max_travel_s}
    return pyvrp.VehicleType(
        num_available=1,
        start_depot=depot_index[engineer.departure_location],
        end_depot=depot_index[engineer.end_location],
        tw_early=engineer.available_from_s,
        tw_late=engineer.latest_return_s,
        unit_distance_cost=1,
        profile=profile,
        name=engineer.id,
        **extra,
    )


def _pyvrp_progress(result, offset_s: float) -> tuple[float | None, tuple[tuple[float, int], ...]]:  # noqa: ANN001
    """When PyVRP's best became feasible, and its best cost each time it improved."""
    first_s, progress, best = None, [], None
    elapsed = offset_s
    for runtime, datum in zip(result.stats.runtimes, result.stats.data, strict=False):
        elapsed += runtime
        if not datum.best_feas:
            continue
        if first_s is None:
            first_s = elapsed
        if best is None or datum.best_cost < best:
            best = datum.best_cost
            progress.append((round(elapsed, 3), int(best)))
    return first_s, tuple(progress)


# --- VROOM -------------------------------------------------------------------------

VROOM_PRIORITY = {1: 80, 2: 40, 3: 20, 4: 10}  # 8:4:2:1 as drop_penalty; pins at the cap, 100


def vroom_left_out(problem: Problem) -> list[str]:
    """VROOM takes every hard rule here (pinned starts as a one-instant window)."""
    return common_left_out(problem)


def _vroom_skills(problem: Problem) -> tuple[list[set[int]], list[set[int]]]:
    """Skill ids: one per (trade, level) held or needed, one per restricted job."""
    trades = sorted({s for e in problem.engineers for s in e.skills}
                    | {s for j in problem.jobs for s in j.skills})
    trade_id = {t: i for i, t in enumerate(trades)}
    engineer_skills = [
        {1 + 3 * trade_id[t] + (lv - 1) for t, level in e.skills.items() for lv in range(1, level + 1)}
        for e in problem.engineers
    ]
    job_skills = []
    for j, job in enumerate(problem.jobs):
        needed = {1 + 3 * trade_id[t] + (level - 1) for t, level in job.skills.items()}
        if job.allowed_engineers is not None or job.must_engineer is not None:
            needed.add(10_000 + j)
            for e, engineer in enumerate(problem.engineers):
                if job.may_be_done_by(engineer):
                    engineer_skills[e].add(10_000 + j)
        job_skills.append(needed)
    return engineer_skills, job_skills


def solve_vroom(problem: Problem, time_limit_s: float, threads: int = 2) -> Outcome:
    """Skills with levels, parts and pins as skills; windows, shifts, breaks, priorities."""
    import datetime

    import vroom

    started = time.perf_counter()
    places, depot_index = _locations(problem)
    solver_input = vroom.Input()
    solver_input.set_durations_matrix("car", problem.travel_s[np.ix_(places, places)])
    solver_input.set_distances_matrix("car", problem.distance_m[np.ix_(places, places)])
    engineer_skills, job_skills = _vroom_skills(problem)
    solver_input.add_vehicle([_vroom_vehicle(vroom, e, i, depot_index, engineer_skills[i])
                              for i, e in enumerate(problem.engineers)])
    solver_input.add_job([_vroom_job(vroom, job, j, len(depot_index), job_skills[j])
                          for j, job in enumerate(problem.jobs)])
    remaining_s = max(0.1, time_limit_s - (time.perf_counter() - started))
    answer = solver_input.solve(exploration_level=5, nb_threads=threads,
                                timeout=datetime.timedelta(seconds=remaining_s))
    seconds = time.perf_counter() - started
    routes = _vroom_routes(problem, answer.routes)
    return Outcome("vroom", as_solution(problem, routes), tuple(vroom_left_out(problem)),
                   seconds, seconds, ((round(seconds, 3), int(answer.summary.cost)),))


def _vroom_vehicle(vroom, engineer: Engineer, index: int, depot_index: dict[int, int],  # noqa: ANN001, ANN202
                   skills: set[int]):
    breaks = []
    if engineer.lunch is not None:
        lunch = engineer.lunch
        window = vroom.TimeWindow(lunch.window_start_s, lunch.window_end_s - lunch.duration_s)
        breaks.append(vroom.Break(1, time_windows=[window], service=lunch.duration_s))
    limits = {}
    if engineer.max_travel_s is not None:
        limits["max_travel_time"] = engineer.max_travel_s
    if engineer.max_distance_m is not None:
        limits["max_distance"] = engineer.max_distance_m
    return vroom.Vehicle(
        id=index + 1,
        start=depot_index[engineer.departure_location],
        end=depot_index[engineer.end_location],
        skills=skills,
        time_window=vroom.TimeWindow(engineer.available_from_s, engineer.latest_return_s),
        breaks=breaks,
        **limits,
    )


def _vroom_job(vroom, job: Job, index: int, depot_count: int, skills: set[int]):  # noqa: ANN001, ANN202
    early, late = job.window_start_s, job.window_end_s
    if job.must_start_s is not None:
        early = late = job.must_start_s
    return vroom.Job(id=index + 1, location=depot_count + index, default_service=job.duration_s,
                     skills=skills,
                     priority=100 if job.must_engineer is not None else VROOM_PRIORITY[job.priority],
                     time_windows=[vroom.TimeWindow(early, late)])


def _vroom_routes(problem: Problem, steps) -> list[Route]:  # noqa: ANN001
    """VROOM's own times (it planned the breaks); legs from our matrix."""
    routes = []
    for vehicle_id, rows in steps.groupby("vehicle_id", sort=True):
        engineer = problem.engineers[int(vehicle_id) - 1]
        records = rows.to_dict("records")
        jobs = [problem.jobs[int(r["id"]) - 1] for r in records if r["type"] == "job"]
        legs = timed_route(problem, engineer, jobs)
        stops, k = [], 0
        break_start = break_end = None
        for record in records:
            start_s = int(record["arrival"]) + int(record["waiting_time"])
            if record["type"] == "break":
                break_start, break_end = start_s, start_s + int(record["service"])
            elif record["type"] == "job":
                leg = legs.stops[k]
                stops.append(Stop(leg.job_id, int(record["arrival"]), start_s,
                                  start_s + int(record["service"]), leg.travel_s, leg.distance_m))
                k += 1
        routes.append(Route(engineer.id, tuple(stops), int(records[0]["arrival"]),
                            int(records[-1]["arrival"]), legs.return_travel_s,
                            legs.return_distance_m, break_start, break_end))
    return routes
