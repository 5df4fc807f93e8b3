"""An independent check of every hard rule a plan must keep.

Written from the problem's definition, not from the solver: it reads only the
``problem`` and ``solution`` dataclasses and recomputes every leg from the travel
matrix, so a bug in the model (a constraint left out, a wrong unit) shows up here
instead of being trusted. Every test and benchmark result goes through it, including
the plans of the other solvers the benchmarks compare against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.solution import Route, Solution, Stop


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable ``code`` and a message a dispatcher can read."""

    code: str
    message: str


def validate(problem: Problem, solution: Solution, *, check_breaks: bool = True) -> list[Violation]:
    """Every hard-rule violation in the plan; an empty list means the plan is valid.

    ``check_breaks=False`` is for benchmarking solvers that cannot express breaks
    (PyVRP); the caller must say so wherever the verdict is shown.
    """
    violations = list(_coverage(problem, solution))
    engineers = {e.id: e for e in problem.engineers}
    jobs = {j.id: j for j in problem.jobs}
    for route in solution.routes:
        engineer = engineers.get(route.engineer_id)
        if engineer is None:
            violations.append(Violation("unknown-engineer", f"route for unknown {route.engineer_id}"))
            continue
        known = tuple(s for s in route.stops if s.job_id in jobs)
        legs = _legs(problem, engineer, known, jobs)
        violations += _route_timing(problem, engineer, route, known, jobs, legs)
        violations += _route_limits(problem, engineer, known, jobs, legs)
        violations += _assignment_rules(engineer, known, jobs)
        if check_breaks:
            violations += _break_rules(engineer, route, known, legs)
    return violations


def _coverage(problem: Problem, solution: Solution) -> Iterator[Violation]:
    """Each job at most once, and either in a route or listed as unassigned."""
    known = {j.id for j in problem.jobs}
    routed = Counter(s.job_id for r in solution.routes for s in r.stops)
    left_out = Counter(u.job_id for u in solution.unassigned)
    for job_id in sorted((routed + left_out).keys() - known):
        yield Violation("unknown-job", f"{job_id} is not a job of this problem")
    for job_id, count in sorted((routed + left_out).items()):
        if count > 1 and job_id in known:
            yield Violation(
                "job-repeated",
                f"{job_id} appears {routed[job_id]}× in routes, {left_out[job_id]}× unassigned",
            )
    for job_id in sorted(known - routed.keys() - left_out.keys()):
        yield Violation("job-missing", f"{job_id} is neither routed nor unassigned")
    for job in problem.jobs:
        if job.fixed_engineer is not None and job.id not in routed:
            yield Violation("fixed-moved", f"{job.id} is done or under way but left out")
    for engineer_id, count in Counter(r.engineer_id for r in solution.routes).items():
        if count > 1:
            yield Violation("route-repeated", f"{engineer_id} has {count} routes")


def _legs(
    problem: Problem, engineer: Engineer, stops: tuple[Stop, ...], jobs: dict[str, Job]
) -> list[tuple[int, int]]:
    """(travel_s, distance_m) from the matrix for each leg, the return leg last."""
    places = [engineer.departure_location] + [jobs[s.job_id].location for s in stops]
    places.append(engineer.end_location)
    return [
        (int(problem.travel_s[a, b]), int(problem.distance_m[a, b]))
        for a, b in zip(places, places[1:], strict=False)
    ]


def _route_timing(
    problem: Problem, engineer: Engineer, route: Route, stops: tuple[Stop, ...],
    jobs: dict[str, Job], legs: list[tuple[int, int]],
) -> Iterator[Violation]:
    """Shift, windows, durations and legs: every time must follow from the matrix."""
    who = engineer.id
    if route.departure_s < engineer.available_from_s:
        yield Violation("shift-start", f"{who} leaves at {_hm(route.departure_s)}, "
                        f"before the shift or free time {_hm(engineer.available_from_s)}")
    if route.return_s > engineer.latest_return_s:
        yield Violation("shift-end", f"{who} is back at {_hm(route.return_s)}, after "
                        f"{_hm(engineer.latest_return_s)} (shift end + allowed overtime)")
    previous_end_s = route.departure_s
    for stop, (travel_s, distance_m) in zip(stops, legs, strict=False):
        yield from _stop_timing(problem, jobs[stop.job_id], stop, previous_end_s,
                                travel_s, distance_m)
        previous_end_s = stop.end_s
    return_travel_s, return_distance_m = legs[-1]
    if (route.return_travel_s, route.return_distance_m) != (return_travel_s, return_distance_m):
        yield Violation("travel", f"{who}'s return leg says {route.return_travel_s} s/"
                        f"{route.return_distance_m} m, the matrix {return_travel_s} s/"
                        f"{return_distance_m} m")
    if route.return_s < previous_end_s + return_travel_s:
        yield Violation("travel", f"{who} is back at {_hm(route.return_s)}, sooner than "
                        f"{_hm(previous_end_s + return_travel_s)} the drive home allows")


def _stop_timing(
    problem: Problem, job: Job, stop: Stop, previous_end_s: int, travel_s: int, distance_m: int
) -> Iterator[Violation]:
    if (stop.travel_s, stop.distance_m) != (travel_s, distance_m):
        yield Violation("travel", f"leg to {job.id} says {stop.travel_s} s/{stop.distance_m} m, "
                        f"the matrix {travel_s} s/{distance_m} m")
    if stop.arrival_s < previous_end_s + travel_s:
        yield Violation("travel", f"{job.id}: arrival {_hm(stop.arrival_s)} is sooner than "
                        f"{_hm(previous_end_s + travel_s)}, the end before plus the drive")
    if stop.start_s < stop.arrival_s or stop.end_s != stop.start_s + job.duration_s:
        yield Violation("stop-times", f"{job.id}: arrive {_hm(stop.arrival_s)}, start "
                        f"{_hm(stop.start_s)}, end {_hm(stop.end_s)} for a "
                        f"{job.duration_s // 60} min job")
    if not job.window_start_s <= stop.start_s <= job.window_end_s:
        yield Violation("window", f"{job.id} starts at {_hm(stop.start_s)}, outside its window "
                        f"{_hm(job.window_start_s)}-{_hm(job.window_end_s)}")
    started_before_now = job.started_s is not None
    if problem.now_s is not None and not started_before_now and stop.start_s < problem.now_s:
        yield Violation("before-now", f"{job.id} not yet started is planned at "
                        f"{_hm(stop.start_s)}, before now {_hm(problem.now_s)}")


def _assignment_rules(
    engineer: Engineer, stops: tuple[Stop, ...], jobs: dict[str, Job]
) -> Iterator[Violation]:
    """Skills and levels, parts (allowed engineers), pins and re-plan fixings."""
    who = engineer.id
    for stop in stops:
        job = jobs[stop.job_id]
        if not engineer.has_skills(job.skills):
            yield Violation("skill", f"{job.id} needs {dict(job.skills)}, {who} has "
                            f"{dict(engineer.skills)}")
        if job.allowed_engineers is not None and who not in job.allowed_engineers:
            yield Violation("parts", f"{job.id}'s parts are not available to {who}")
        if job.pinned_engineer is not None and job.pinned_engineer != who:
            yield Violation("pin-engineer", f"{job.id} is pinned to {job.pinned_engineer}, "
                            f"planned for {who}")
        if job.pinned_start_s is not None and stop.start_s != job.pinned_start_s:
            yield Violation("pin-start", f"{job.id} is pinned at {_hm(job.pinned_start_s)}, "
                            f"planned at {_hm(stop.start_s)}")
        if job.fixed_engineer is not None and job.fixed_engineer != who:
            yield Violation("fixed-moved", f"{job.id} is with {job.fixed_engineer}, planned "
                            f"for {who}")
        if job.started_s is not None and stop.start_s != job.started_s:
            yield Violation("fixed-moved", f"{job.id} started at {_hm(job.started_s)}, "
                            f"planned at {_hm(stop.start_s)}")


def _route_limits(
    problem: Problem, engineer: Engineer, stops: tuple[Stop, ...], jobs: dict[str, Job],
    legs: list[tuple[int, int]],
) -> Iterator[Violation]:
    """Capacity when the problem uses it, and the engineer's daily travel caps."""
    travel_s = sum(t for t, _ in legs)
    distance_m = sum(d for _, d in legs)
    load = sum(jobs[s.job_id].demand for s in stops)
    if problem.use_capacity and engineer.capacity is not None and load > engineer.capacity:
        yield Violation("capacity", f"{engineer.id} carries {load}, capacity "
                        f"{engineer.capacity}")
    if engineer.max_travel_s is not None and travel_s > engineer.max_travel_s:
        yield Violation("max-travel", f"{engineer.id} drives {travel_s} s, at most "
                        f"{engineer.max_travel_s} s")
    if engineer.max_distance_m is not None and distance_m > engineer.max_distance_m:
        yield Violation("max-travel", f"{engineer.id} drives {distance_m} m, at most "
                        f"{engineer.max_distance_m} m")


def _break_rules(
    engineer: Engineer, route: Route, stops: tuple[Stop, ...], legs: list[tuple[int, int]]
) -> Iterator[Violation]:
    """The lunch break: taken, long enough, inside its window, never during a job.

    A route that is over before the window opens, or starts after it closes, needs no
    break. Inside the route the break must sit in one gap between jobs that still
    leaves time for that gap's drive; before departure or after return it is free time.
    """
    lunch, who = engineer.lunch, engineer.id
    if lunch is None or not stops:
        return
    if route.return_s <= lunch.window_start_s or route.departure_s >= lunch.window_end_s:
        return
    if route.break_start_s is None or route.break_end_s is None:
        yield Violation("break-missing", f"{who} has no break")
        return
    start_s, end_s = route.break_start_s, route.break_end_s
    if end_s - start_s < lunch.duration_s:
        yield Violation("break-length", f"{who}'s break lasts {(end_s - start_s) // 60} min, "
                        f"needs {lunch.duration_s // 60}")
    if start_s < lunch.window_start_s or end_s > lunch.window_end_s:
        yield Violation("break-window", f"{who}'s break {_hm(start_s)}-{_hm(end_s)} is outside "
                        f"{_hm(lunch.window_start_s)}-{_hm(lunch.window_end_s)}")
    if not _break_fits_a_gap(engineer, route, stops, [t for t, _ in legs], start_s, end_s):
        yield Violation("break-overlap", f"{who}'s break {_hm(start_s)}-{_hm(end_s)} overlaps "
                        "a job or leaves no time for the drive around it")
    yield from _arrival_after_break(route, stops, [t for t, _ in legs], start_s, end_s)


def _break_fits_a_gap(
    engineer: Engineer, route: Route, stops: tuple[Stop, ...], leg_travel_s: list[int],
    start_s: int, end_s: int,
) -> bool:
    """The break lies in one idle gap whose length still covers the gap's drive."""
    if end_s <= route.departure_s:
        return start_s >= engineer.available_from_s
    if start_s >= route.return_s:
        return end_s <= engineer.latest_return_s
    begins = [route.departure_s] + [s.end_s for s in stops]
    ends = [s.start_s for s in stops] + [route.return_s]
    return any(
        gap_start <= start_s and end_s <= gap_end
        and (gap_end - gap_start) - (end_s - start_s) >= travel_s
        for gap_start, gap_end, travel_s in zip(begins, ends, leg_travel_s, strict=True)
    )


def _arrival_after_break(
    route: Route, stops: tuple[Stop, ...], leg_travel_s: list[int], start_s: int, end_s: int
) -> Iterator[Violation]:
    """A break taken on the way delays the arrival: it must cover the drive and the break."""
    begins = [route.departure_s] + [s.end_s for s in stops]
    arrivals = [(s.job_id, s.arrival_s) for s in stops] + [("home", route.return_s)]
    for gap_start, (place, arrival_s), travel_s in zip(begins, arrivals, leg_travel_s,
                                                       strict=True):
        on_the_way = gap_start <= start_s and end_s <= arrival_s
        if on_the_way and arrival_s - gap_start < travel_s + (end_s - start_s):
            yield Violation("travel", f"arrival at {place} {_hm(arrival_s)} leaves no time for "
                            f"the drive and the break {_hm(start_s)}-{_hm(end_s)} on the way")


def _hm(seconds: int) -> str:
    """Clock time for messages: 34200 → '09:30' (seconds kept when not whole minutes)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
