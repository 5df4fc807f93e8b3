"""PyVRP's hybrid genetic search as a route generator for the OR-Tools model.

PyVRP finds better orders than OR-Tools' local search on tight windows, but it cannot
express breaks (nor overtime pricing or soft preferences). So it only *proposes*
routes: the same jobs, windows, shifts, capacity, allowed engineers (one routing
profile per group of engineers, in which the jobs they may not do are unreachable)
and drop prizes; OR-Tools then reads the routes into the full model, repairs what a
break makes impossible and improves the rest. Nothing PyVRP says reaches a plan
without passing the full model.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
import pyvrp
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria

from dispatch.optimizer.layout import NodeLayout
from dispatch.optimizer.problem import Engineer, Problem
from dispatch.optimizer.schedule import job_window

UNREACHABLE_S = 10**8
MAX_PROFILE_BYTES = 600 * 2**20  # beyond this the matrices per profile cost too much


def profile_key(problem: Problem, engineer: Engineer) -> tuple[int, ...]:
    """The jobs an engineer may do; engineers with the same set share a profile."""
    return tuple(n for n, job in enumerate(problem.jobs) if job.may_be_done_by(engineer))


def fits_in_memory(problem: Problem) -> bool:
    profiles = {profile_key(problem, e) for e in problem.engineers}
    places = len(_depot_locations(problem)) + len(problem.jobs)
    return len(profiles) * places**2 * 16 <= MAX_PROFILE_BYTES


def _depot_locations(problem: Problem) -> list[int]:
    return sorted({e.departure_location for e in problem.engineers}
                  | {e.end_location for e in problem.engineers})


def _vehicle_type_key(engineer: Engineer, profile: int) -> tuple:
    return (engineer.departure_location, engineer.end_location, engineer.available_from_s,
            engineer.latest_return_s, engineer.capacity, profile)


def build_data(problem: Problem) -> tuple[pyvrp.ProblemData, list[list[int]]]:
    """PyVRP data and, per vehicle type, the engineers (indices) it stands for.

    PyVRP's places are the depots, then one per job (two jobs at one address still get
    a place each, so a permission can be cut for one without the other).
    """
    layout = NodeLayout(problem)
    depots_at = _depot_locations(problem)
    places = np.array(depots_at + [job.location for job in problem.jobs], dtype=np.int64)
    grid = np.ix_(places, places)
    cost = problem.travel_s[grid] * problem.costs.travel_per_s
    cost = np.rint(cost + problem.distance_m[grid] * problem.costs.distance_per_m).astype(np.int64)
    duration = np.ascontiguousarray(problem.travel_s[grid], dtype=np.int64)
    profiles: dict[tuple[int, ...], int] = {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, engineer in enumerate(problem.engineers):
        profile = profiles.setdefault(profile_key(problem, engineer), len(profiles))
        groups[_vehicle_type_key(engineer, profile)].append(index)
    first_job = len(depots_at)
    cut = [_barred_places(problem, allowed, first_job) for allowed in profiles]
    depot_of = {loc: d for d, loc in enumerate(depots_at)}
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(0, 0) for _ in places],
        clients=[_client(problem, layout, node, first_job + node)
                 for node in range(len(problem.jobs))],
        depots=[pyvrp.Depot(d) for d in range(len(depots_at))],
        vehicle_types=[_vehicle_type(problem, key, members, depot_of)
                       for key, members in groups.items()],
        distance_matrices=[_cut(cost, barred) for barred in cut],
        duration_matrices=[_cut(duration, barred) for barred in cut],
    )
    return data, list(groups.values())


def _barred_places(problem: Problem, allowed: tuple[int, ...], first_job: int) -> np.ndarray:
    barred = np.ones(len(problem.jobs), dtype=bool)
    barred[list(allowed)] = False
    return np.flatnonzero(barred) + first_job


def _cut(matrix: np.ndarray, barred: np.ndarray) -> np.ndarray:
    """The jobs a profile may not do, cut off in both directions and in both matrices,
    so PyVRP's penalty-driven search never finds a barred job cheap to reach."""
    cut = matrix.copy()
    cut[:, barred] = UNREACHABLE_S
    cut[barred, :] = UNREACHABLE_S
    np.fill_diagonal(cut, 0)
    return cut


def _client(problem: Problem, layout: NodeLayout, node: int, place: int) -> pyvrp.Client:
    job = problem.jobs[node]
    early_s, late_s = job_window(problem, job)
    return pyvrp.Client(
        location=place, delivery=[job.demand] if problem.use_capacity else [],
        service_duration=job.duration_s, tw_early=early_s, tw_late=max(early_s, late_s),
        prize=layout.drop_penalty(job), required=False)


def _vehicle_type(problem: Problem, key: tuple, members: list[int],
                  depot_of: dict[int, int]) -> pyvrp.VehicleType:
    start, end, early, late, capacity, profile = key
    return pyvrp.VehicleType(
        num_available=len(members),
        capacity=[capacity if capacity is not None else 10**9] if problem.use_capacity else [],
        start_depot=depot_of[start], end_depot=depot_of[end], tw_early=early, tw_late=late,
        unit_distance_cost=1, profile=profile)


def propose_routes(problem: Problem, time_limit_s: float, seed: int,
                   iterations: int | None = None) -> list[list[str]]:
    """Job ids per engineer (problem order) from PyVRP's best solution; building the
    data counts against the time limit."""
    began = time.monotonic()
    data, members = build_data(problem)
    stop = MaxRuntime(max(0.05, time_limit_s - (time.monotonic() - began)))
    if iterations is not None:
        stop = MultipleCriteria([MaxIterations(iterations), stop])
    result = pyvrp.solve(data, stop, seed=seed, collect_stats=False, display=False)
    routes: list[list[str]] = [[] for _ in problem.engineers]
    free = [list(group) for group in members]
    for route in result.best.routes():
        engineer = free[route.vehicle_type()].pop(0)
        routes[engineer] = [problem.jobs[a.idx].id
                            for a in route.schedule() if a.is_client()]
    return routes
