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
LUNCH_PROBE_SHARE = 0.4  # of the time, for the search that shows where lunch falls


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


def build_data(problem: Problem, lunch_at: dict[int, int] | None = None
               ) -> tuple[pyvrp.ProblemData, list[list[int]]]:
    """PyVRP data and, per vehicle type, the engineers (indices) it stands for.

    PyVRP's places are the depots, then one per job (two jobs at one address still get
    a place each, so a permission can be cut for one without the other), then one per
    lunch in ``lunch_at`` (engineer index -> the location where that lunch is taken):
    PyVRP has no breaks, so a lunch is a required visit that only its engineer can
    make, inside the break window, at a real place on the way.
    """
    layout = NodeLayout(problem)
    lunch_at = lunch_at or {}
    lunchers = sorted(lunch_at)
    depots_at = _depot_locations(problem)
    places = np.array(depots_at + [job.location for job in problem.jobs]
                      + [lunch_at[v] for v in lunchers], dtype=np.int64)
    grid = np.ix_(places, places)
    cost = problem.travel_s[grid] * problem.costs.travel_per_s
    cost = np.rint(cost + problem.distance_m[grid] * problem.costs.distance_per_m).astype(np.int64)
    duration = np.ascontiguousarray(problem.travel_s[grid], dtype=np.int64)
    first_job = len(depots_at)
    first_lunch = first_job + len(problem.jobs)
    lunch_place = {v: first_lunch + k for k, v in enumerate(lunchers)}
    profiles: dict[tuple, int] = {}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, engineer in enumerate(problem.engineers):
        key = (profile_key(problem, engineer), lunch_place.get(index))
        profile = profiles.setdefault(key, len(profiles))
        groups[_vehicle_type_key(engineer, profile)].append(index)
    others = set(lunch_place.values())
    cut = [np.concatenate([_barred_places(problem, allowed, first_job),
                           np.array(sorted(others - {own}), dtype=np.int64)])
           for allowed, own in profiles]
    depot_of = {loc: d for d, loc in enumerate(depots_at)}
    clients = [_client(problem, layout, node, first_job + node) for node in range(len(problem.jobs))]
    clients += [_lunch_client(problem.engineers[v], lunch_place[v]) for v in lunchers]
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(0, 0) for _ in places],
        clients=clients,
        depots=[pyvrp.Depot(d) for d in range(len(depots_at))],
        vehicle_types=[_vehicle_type(problem, key, members, depot_of)
                       for key, members in groups.items()],
        distance_matrices=[_cut(cost, barred) for barred in cut],
        duration_matrices=[_cut(duration, barred) for barred in cut],
    )
    return data, list(groups.values())


def _lunch_client(engineer: Engineer, place: int) -> pyvrp.Client:
    lunch = engineer.lunch
    return pyvrp.Client(location=place, service_duration=lunch.duration_s,
                        tw_early=lunch.window_start_s,
                        tw_late=lunch.window_end_s - lunch.duration_s, required=True)


def lunch_places(problem: Problem, routes: list[list[str]]) -> dict[int, tuple[int, int]]:
    """Where each engineer with a break is around lunchtime on a route planned without
    it: (location, position in the route) after the visit ending nearest the middle of
    the break window, or at home before the first visit."""
    by_id = {job.id: job for job in problem.jobs}
    places = {}
    for v, (engineer, route) in enumerate(zip(problem.engineers, routes, strict=True)):
        lunch = engineer.lunch
        if lunch is None or not lunch.duration_s:
            continue
        noon_s = (lunch.window_start_s + lunch.window_end_s) // 2
        ends = _earliest_ends(problem, engineer, [by_id[j] for j in route])
        if not ends:
            places[v] = (engineer.departure_location, 0)
            continue
        position = min(range(len(ends)), key=lambda k: abs(ends[k][1] - noon_s))
        places[v] = (ends[position][0], position + 1)
    return places


def _earliest_ends(problem: Problem, engineer: Engineer, jobs: list) -> list[tuple[int, int]]:
    clock_s, place, ends = engineer.available_from_s, engineer.departure_location, []
    for job in jobs:
        clock_s = max(clock_s + int(problem.travel_s[place, job.location]),
                      job_window(problem, job)[0]) + job.duration_s
        place = job.location
        ends.append((place, clock_s))
    return ends


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
    data counts against the time limit. On a day with breaks, a first search without
    them shows where each engineer is around lunchtime, and a second, started from the
    first plan, plans each lunch there, so the routes keep their half hour and need
    little repair."""
    began = time.monotonic()
    if not any(e.lunch is not None and e.lunch.duration_s for e in problem.engineers):
        data, members = build_data(problem)
        return _routes(problem, _search(data, time_limit_s, began, seed, iterations), members)
    data, members = build_data(problem)
    first = _routes(problem, _search(data, LUNCH_PROBE_SHARE * time_limit_s, began, seed,
                                     iterations), members)
    began_second = time.monotonic()
    lunches = lunch_places(problem, first)
    data, members = build_data(problem, {v: place for v, (place, _) in lunches.items()})
    start = _initial_solution(problem, data, members, first, lunches)
    left_s = time_limit_s - (began_second - began)
    return _routes(problem, _search(data, left_s, began_second, seed, iterations, start), members)


def _search(data: pyvrp.ProblemData, time_limit_s: float, began: float, seed: int,
            iterations: int | None, start: pyvrp.Solution | None = None) -> pyvrp.Solution:
    stop = MaxRuntime(max(0.05, time_limit_s - (time.monotonic() - began)))
    if iterations is not None:
        stop = MultipleCriteria([MaxIterations(iterations), stop])
    return pyvrp.solve(data, stop, seed=seed, collect_stats=False, display=False,
                       initial_solution=start).best


def _routes(problem: Problem, solution: pyvrp.Solution, members: list[list[int]]
            ) -> list[list[str]]:
    routes: list[list[str]] = [[] for _ in problem.engineers]
    free = [list(group) for group in members]
    for route in solution.routes():
        engineer = free[route.vehicle_type()].pop(0)
        routes[engineer] = [problem.jobs[a.idx].id for a in route.schedule()
                            if a.is_client() and a.idx < len(problem.jobs)]
    return routes


def _initial_solution(problem: Problem, data: pyvrp.ProblemData, members: list[list[int]],
                      routes: list[list[str]], lunches: dict[int, tuple[int, int]]
                      ) -> pyvrp.Solution:
    """The first plan with each lunch where it was found, for the second search."""
    node_of = {job.id: node for node, job in enumerate(problem.jobs)}
    type_of = {v: t for t, group in enumerate(members) for v in group}
    lunch_client = {v: len(problem.jobs) + k for k, v in enumerate(sorted(lunches))}
    planned = []
    for v, route in enumerate(routes):
        visits = [node_of[job_id] for job_id in route]
        if v in lunches:
            visits.insert(lunches[v][1], lunch_client[v])
        if visits:
            activities = [pyvrp.Activity(pyvrp.ActivityType.CLIENT, c) for c in visits]
            planned.append(pyvrp.Route(data, activities, type_of[v]))
    return pyvrp.Solution(data, planned)
