"""VROOM as a route generator for days with breaks.

PyVRP has no breaks, so on a day with lunch its routes must be trimmed by about one
job per engineer before they fit. VROOM plans breaks natively (and skills, windows,
shifts, priorities), so its routes need little repair. Like PyVRP it only *proposes*
visiting orders: OR-Tools reads them into the full model (overtime pricing,
preferences, promised windows) and checks and improves them there.
"""

from __future__ import annotations

import datetime

import numpy as np
import vroom

from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.schedule import job_window

VROOM_PRIORITY = {1: 80, 2: 40, 3: 20, 4: 10}  # the 8:4:2:1 of the drop penalties
PINNED_PRIORITY = 100  # VROOM's cap: a pinned or started job outranks every other
RESTRICTED_SKILL_BASE = 10_000  # skill ids above this mark "may be done by" lists


def usable(problem: Problem) -> bool:
    """VROOM fits when the problem has no capacity rule (Solomon has its own engines)."""
    return not problem.use_capacity and bool(problem.jobs)


def propose_routes(problem: Problem, time_limit_s: float, threads: int = 1) -> list[list[str]]:
    """Job ids per engineer (problem order) from VROOM's plan."""
    answer = build_input(problem).solve(
        exploration_level=5, nb_threads=threads,
        timeout=datetime.timedelta(seconds=max(0.1, time_limit_s)))
    routes: list[list[str]] = [[] for _ in problem.engineers]
    for route in answer.to_dict()["routes"]:
        routes[int(route["vehicle"]) - 1] = [problem.jobs[int(step["id"]) - 1].id
                                             for step in route["steps"] if step["type"] == "job"]
    return routes


def build_input(problem: Problem) -> vroom.Input:
    """The day as VROOM sees it: places are the depots then one per job (vehicle ``v + 1``
    is engineer ``v``, job ``j + 1`` is job ``j``), skills, windows, shifts, breaks, priorities."""
    depots = sorted({e.departure_location for e in problem.engineers}
                    | {e.end_location for e in problem.engineers})
    places = np.array(depots + [job.location for job in problem.jobs], dtype=np.int64)
    grid = np.ix_(places, places)
    depot_of = {location: d for d, location in enumerate(depots)}
    engineer_skills, job_skills = skill_ids(problem)
    solver_input = vroom.Input()
    solver_input.set_durations_matrix("car", np.ascontiguousarray(problem.travel_s[grid]))
    solver_input.set_distances_matrix("car", np.ascontiguousarray(problem.distance_m[grid]))
    solver_input.add_vehicle([_vehicle(e, v, depot_of, engineer_skills[v])
                              for v, e in enumerate(problem.engineers)])
    solver_input.add_job([_job(problem, job, j, len(depots), job_skills[j])
                          for j, job in enumerate(problem.jobs)])
    return solver_input


def skill_ids(problem: Problem) -> tuple[list[set[int]], list[set[int]]]:
    """VROOM's skills are plain ids: one per (trade, level) held or needed, and one per
    job whose engineers are restricted (parts, pins), held by exactly those engineers."""
    trades = sorted({s for e in problem.engineers for s in e.skills}
                    | {s for j in problem.jobs for s in j.skills})
    trade_id = {trade: index for index, trade in enumerate(trades)}
    engineer_skills = [
        {1 + 3 * trade_id[t] + (level - 1) for t, top in e.skills.items()
         for level in range(1, min(top, 3) + 1)}
        for e in problem.engineers
    ]
    job_skills = []
    for j, job in enumerate(problem.jobs):
        needed = {1 + 3 * trade_id[t] + (min(level, 3) - 1) for t, level in job.skills.items()}
        if any(not job.may_be_done_by(e) for e in problem.engineers):
            needed.add(RESTRICTED_SKILL_BASE + j)
            for v, engineer in enumerate(problem.engineers):
                if job.may_be_done_by(engineer):
                    engineer_skills[v].add(RESTRICTED_SKILL_BASE + j)
        job_skills.append(needed)
    return engineer_skills, job_skills


def _vehicle(engineer: Engineer, index: int, depot_of: dict[int, int],
             skills: set[int]) -> vroom.Vehicle:
    breaks = []
    lunch = engineer.lunch
    if lunch is not None and lunch.duration_s:
        window = vroom.TimeWindow(lunch.window_start_s, lunch.window_end_s - lunch.duration_s)
        breaks.append(vroom.Break(1, time_windows=[window], service=lunch.duration_s))
    limits = {}
    if engineer.max_travel_s is not None:
        limits["max_travel_time"] = engineer.max_travel_s
    if engineer.max_distance_m is not None:
        limits["max_distance"] = engineer.max_distance_m
    return vroom.Vehicle(
        id=index + 1, start=depot_of[engineer.departure_location],
        end=depot_of[engineer.end_location], skills=skills,
        time_window=vroom.TimeWindow(engineer.available_from_s, engineer.latest_return_s),
        breaks=breaks, **limits)


def _job(problem: Problem, job: Job, index: int, depot_count: int, skills: set[int]) -> vroom.Job:
    early_s, late_s = job_window(problem, job)
    priority = PINNED_PRIORITY if job.must_engineer is not None else VROOM_PRIORITY[job.priority]
    return vroom.Job(id=index + 1, location=depot_count + index, default_service=job.duration_s,
                     skills=skills, priority=priority,
                     time_windows=[vroom.TimeWindow(early_s, max(early_s, late_s))])
