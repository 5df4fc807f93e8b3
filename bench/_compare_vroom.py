"""VROOM on the field day: skills with levels, parts and pins as skills, windows,
shifts, lunch breaks and priorities, so nothing hard is left out.
"""

from __future__ import annotations

import time

from _compare import Outcome, as_solution, common_left_out, timed_route

from dispatch.optimizer.problem import Problem
from dispatch.optimizer.solution import Route, Stop


def vroom_left_out(problem: Problem) -> list[str]:
    """VROOM takes every hard rule here (pinned starts as a one-instant window)."""
    return common_left_out(problem)


def solve_vroom(problem: Problem, time_limit_s: float, threads: int = 2) -> Outcome:
    """The same VROOM input the product's portfolio builds: skills with levels, parts and
    pins as skills; windows, shifts, breaks, priorities."""
    import datetime

    from dispatch.optimizer.vroom_engine import build_input

    started = time.perf_counter()
    solver_input = build_input(problem)
    remaining_s = max(0.1, time_limit_s - (time.perf_counter() - started))
    answer = solver_input.solve(exploration_level=5, nb_threads=threads,
                                timeout=datetime.timedelta(seconds=remaining_s))
    seconds = time.perf_counter() - started
    routes = _vroom_routes(problem, answer.routes)
    return Outcome("vroom", as_solution(problem, routes), tuple(vroom_left_out(problem)),
                   seconds, seconds, ((round(seconds, 3), int(answer.summary.cost)),))


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
