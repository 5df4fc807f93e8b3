"""PyVRP on the field day: every hard rule but the lunch break, which it cannot express.

Skills, levels, parts and pins become one routing profile per permission set (the
jobs an engineer may not do are unreachable in that engineer's matrix); priorities
are prizes on optional clients, weighted as our model weighs them.
"""

from __future__ import annotations

import time

import numpy as np
from _compare import (
    FORBIDDEN,
    Outcome,
    as_solution,
    common_left_out,
    drop_penalty,
    forbidden_jobs,
    places_of,
    timed_route,
    with_lunch,
)

from dispatch.optimizer.problem import Engineer, Job, Problem


def pyvrp_left_out(problem: Problem) -> list[str]:
    notes = ["lunch breaks (PyVRP has no breaks: each engineer gets the break time free; "
             "its plans are validated without the break rules)"]
    if any(e.max_distance_m for e in problem.engineers):
        notes.append("max distance per day (only max travel time is given, as max_distance)")
    return notes + common_left_out(problem)


def solve_pyvrp(problem: Problem, time_limit_s: float, seed: int) -> Outcome:
    """Skills, levels, parts and pins go in as one routing profile per permission set."""
    started = time.perf_counter()
    orders, first_s, progress = _pyvrp_orders(problem, time_limit_s, seed, reserve_lunch=False)
    routes = [timed_route(problem, engineer, jobs) for engineer, jobs in orders]
    return Outcome("pyvrp", as_solution(problem, routes), tuple(pyvrp_left_out(problem)),
                   time.perf_counter() - started, first_s, progress, check_breaks=False)


def solve_pyvrp_with_lunch(problem: Problem, time_limit_s: float, seed: int) -> Outcome:
    """PyVRP made to leave room for lunch, then lunch placed and checked like ours.

    Each shift ends one lunch earlier (stricter than the rule, which lets lunch fill
    waiting time); lunch then goes in the first gap of the route where it fits, and a
    job that no longer fits is dropped. An estimate of PyVRP with breaks, to read the
    plain PyVRP figure against; not a substitute for it.
    """
    started = time.perf_counter()
    orders, first_s, progress = _pyvrp_orders(problem, time_limit_s, seed, reserve_lunch=True)
    routes, dropped = with_lunch(problem, [timed_route(problem, e, jobs) for e, jobs in orders])
    notes = [f"lunch as a shift ending {_lunch_min(problem)} min early, then placed in the first "
             f"gap that fits; {dropped} jobs that no longer fit were dropped"]
    notes += pyvrp_left_out(problem)[1:]
    return Outcome("pyvrp+lunch", as_solution(problem, routes), tuple(notes),
                   time.perf_counter() - started, first_s, progress)


def _lunch_min(problem: Problem) -> int:
    return max((e.lunch.duration_s // 60 for e in problem.engineers if e.lunch), default=0)


def _pyvrp_orders(problem: Problem, time_limit_s: float, seed: int, reserve_lunch: bool
                  ) -> tuple[list[tuple[Engineer, list[Job]]], float | None, tuple]:
    """PyVRP's visiting order per engineer, and when it first had a feasible plan."""
    import pyvrp

    started = time.perf_counter()
    data = _pyvrp_data(problem, reserve_lunch)
    remaining_s = max(0.1, time_limit_s - (time.perf_counter() - started))
    result = pyvrp.solve(data, pyvrp.stop.MaxRuntime(remaining_s), seed=seed)
    orders = []
    for route in result.best.routes():
        visits = [problem.jobs[a.idx] for a in route.schedule()
                  if a.type == pyvrp.ActivityType.CLIENT]
        orders.append((problem.engineers[route.vehicle_type()], visits))
    first_s, progress = _pyvrp_progress(result, time.perf_counter() - started - result.runtime)
    return orders, first_s, progress


def _pyvrp_data(problem: Problem, reserve_lunch: bool):  # noqa: ANN202 - pyvrp is lazy
    import pyvrp

    places, depot_index = places_of(problem)
    base = problem.travel_s[np.ix_(places, places)]
    profiles: dict[frozenset[int], int] = {}
    matrices = []
    for engineer in problem.engineers:
        forbidden = forbidden_jobs(problem, engineer)
        if forbidden not in profiles:
            if (len(matrices) + 1) * base.nbytes > 3 * 2**30:
                raise MemoryError(f"PyVRP would need {len(matrices) + 1}+ profile matrices "
                                  f"of {base.nbytes >> 20} MiB; skipped")
            profiles[forbidden] = len(matrices)
            matrices.append(_cut(base, [len(depot_index) + j for j in forbidden]))
    clients = [_pyvrp_client(pyvrp, problem, job, len(depot_index) + i)
               for i, job in enumerate(problem.jobs)]
    vehicle_types = [_pyvrp_vehicle(pyvrp, e, depot_index, profiles[forbidden_jobs(problem, e)],
                                    reserve_lunch) for e in problem.engineers]
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


def _pyvrp_vehicle(pyvrp, engineer: Engineer, depot_index: dict[int, int], profile: int,  # noqa: ANN001, ANN202
                   reserve_lunch: bool):
    extra = {} if engineer.max_travel_s is None else {"max_distance": engineer.max_travel_s}
    lunch_s = engineer.lunch.duration_s if reserve_lunch and engineer.lunch else 0
    return pyvrp.VehicleType(
        num_available=1,
        start_depot=depot_index[engineer.departure_location],
        end_depot=depot_index[engineer.end_location],
        tw_early=engineer.available_from_s,
        tw_late=engineer.latest_return_s - lunch_s,
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

