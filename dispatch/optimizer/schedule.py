"""Is this visiting order workable for this engineer? A small exact check in Python.

Used where a whole solver run would be too much: repairing routes another engine
proposed, and verifying the one-change suggestions in ``explain``. It follows the
model's rules (windows on the start of service, shift and overtime, the break in its
window and never during a job, capacity, allowed engineers, day caps) and computes
the earliest schedule, keeping two states per stop: the break still to take, or
already taken. Earliest is best because waiting is always allowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dispatch.optimizer.problem import Engineer, Job, Problem

Pending = int | None  # earliest end of the last service, or None if impossible


@dataclass(frozen=True)
class _Step:
    travel_s: int
    window_start_s: int
    window_end_s: int
    duration_s: int


def job_window(problem: Problem, job: Job) -> tuple[int, int]:
    """The start-of-service window after pins, a fixed start and a re-plan's now."""
    low, high = job.window_start_s, job.window_end_s
    if job.must_start_s is not None:
        return max(low, job.must_start_s), min(high, job.must_start_s)
    if problem.now_s is not None:
        low = max(low, problem.now_s)
    return low, high


def is_workable(problem: Problem, engineer: Engineer, jobs: Sequence[Job]) -> bool:
    """True when the engineer can do these jobs in this order within every hard rule."""
    if not all(job.may_be_done_by(engineer) for job in jobs):
        return False
    load = sum(job.demand for job in jobs)
    if problem.use_capacity and engineer.capacity is not None and load > engineer.capacity:
        return False
    if not _within_day_caps(problem, engineer, jobs):
        return False
    return fits_day(problem, engineer, jobs)


def latest_return_needed(problem: Problem, engineer: Engineer,
                         jobs: Sequence[Job]) -> int | None:
    """The earliest the engineer can be back at the end location, None if the order
    breaks a window or the break cannot be fitted; ignores the return deadline."""
    no_break, with_break = engineer.available_from_s, _break_before_leaving(engineer)
    place = engineer.departure_location
    for job in jobs:
        low, high = job_window(problem, job)
        step = _Step(int(problem.travel_s[place, job.location]), low, high, job.duration_s)
        no_break, with_break = _advance(engineer, step, no_break, with_break)
        if no_break is None and with_break is None:
            return None
        place = job.location
    return _return_s(engineer, int(problem.travel_s[place, engineer.end_location]),
                     no_break, with_break)


def fits_day(problem: Problem, engineer: Engineer, jobs: Sequence[Job]) -> bool:
    back_s = latest_return_needed(problem, engineer, jobs)
    return back_s is not None and back_s <= engineer.latest_return_s


def _break_before_leaving(engineer: Engineer) -> Pending:
    lunch = engineer.lunch
    if lunch is None or lunch.window_start_s + lunch.duration_s <= engineer.available_from_s:
        return engineer.available_from_s
    return None


def _advance(engineer: Engineer, step: _Step, no_break: Pending,
             with_break: Pending) -> tuple[Pending, Pending]:
    def serve(ready_s: int | None) -> Pending:
        if ready_s is None:
            return None
        start_s = max(step.window_start_s, ready_s)
        return start_s + step.duration_s if start_s <= step.window_end_s else None

    after_break = serve(_ready_after_break(engineer, no_break, step.travel_s))
    kept = serve(None if with_break is None else with_break + step.travel_s)
    options = [v for v in (after_break, kept) if v is not None]
    return serve(None if no_break is None else no_break + step.travel_s), min(options,
                                                                             default=None)


def _ready_after_break(engineer: Engineer, free_s: Pending, travel_s: int) -> int | None:
    """Ready to serve when the break is taken in this gap, at its earliest."""
    lunch = engineer.lunch
    if lunch is None or free_s is None:
        return None
    break_start_s = max(free_s, lunch.window_start_s)
    if break_start_s + lunch.duration_s > lunch.window_end_s:
        return None
    return max(free_s + travel_s + lunch.duration_s, break_start_s + lunch.duration_s)


def _return_s(engineer: Engineer, travel_s: int, no_break: Pending,
              with_break: Pending) -> int | None:
    options = [] if with_break is None else [with_break + travel_s]
    if no_break is not None:
        back_s = no_break + travel_s
        lunch = engineer.lunch
        if lunch is None or max(back_s, lunch.window_start_s) + lunch.duration_s \
                <= lunch.window_end_s:
            options.append(back_s)  # no break, or taken at home afterwards
        else:
            on_the_way = _ready_after_break(engineer, no_break, travel_s)
            if on_the_way is not None:
                options.append(on_the_way)
    return min(options, default=None)


def _within_day_caps(problem: Problem, engineer: Engineer, jobs: Sequence[Job]) -> bool:
    places = [engineer.departure_location, *(j.location for j in jobs), engineer.end_location]
    legs = list(zip(places, places[1:], strict=False))
    for limit, matrix in ((engineer.max_travel_s, problem.travel_s),
                          (engineer.max_distance_m, problem.distance_m)):
        if limit is not None and sum(int(matrix[a, b]) for a, b in legs) > limit:
            return False
    return True
