"""VROOM on the field day: skills with levels, parts and pins as skills, windows,
shifts, lunch breaks and priorities, so nothing hard is left out.
"""

from __future__ import annotations

import time

import numpy as np
from _compare import Outcome, as_solution, common_left_out, places_of, timed_route

from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.solution import Route, Stop

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
    places, depot_index = places_of(problem)
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
