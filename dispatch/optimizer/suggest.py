"""One-change suggestions for a job left out, each verified by an insertion check.

A suggestion is only made if the changed job fits, at some position, into a named
engineer's planned route under every hard rule (``schedule.is_workable``), so what
the dispatcher is told would actually work with the rest of the plan unchanged.
Only the engineers nearest the job are tried, to keep explanations quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.schedule import is_workable, latest_return_needed
from dispatch.optimizer.solution import Suggestion, SuggestionKind

NEAREST_ENGINEERS = 4
WINDOW_STEP_S = 30 * 60
WINDOW_REACH_S = 3 * 3600
OVERTIME_ROUND_S = 5 * 60
DAY_S = 24 * 3600


def insertable(problem: Problem, engineer: Engineer, route: Sequence[Job],
               job: Job) -> int | None:
    """The first position at which the job fits into the route, or None."""
    for position in range(len(route) + 1):
        if is_workable(problem, engineer, [*route[:position], job, *route[position:]]):
            return position
    return None


def nearest_engineers(problem: Problem, job: Job, planned: dict[str, list[Job]],
                      exclude: str | None = None) -> list[Engineer]:
    """Engineers allowed to do the job, nearest first (to any place on their day)."""
    def distance_s(engineer: Engineer) -> int:
        places = [engineer.departure_location] + [j.location for j in planned.get(engineer.id, [])]
        return min(int(problem.travel_s[p, job.location]) for p in places)

    allowed = [e for e in problem.engineers if e.id != exclude and job.may_be_done_by(e)]
    return sorted(allowed, key=distance_s)[:NEAREST_ENGINEERS]


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def suggest_window(problem: Problem, job: Job, planned: dict[str, list[Job]]) -> Suggestion | None:
    """The nearest appointment window of the same length that an engineer could take."""
    if job.must_start_s is not None:
        return None
    shifts = sorted(range(-WINDOW_REACH_S, WINDOW_REACH_S + 1, WINDOW_STEP_S), key=abs)
    for shift_s in shifts:
        start_s, end_s = job.window_start_s + shift_s, job.window_end_s + shift_s
        if shift_s == 0 or start_s < 0 or end_s >= DAY_S:
            continue
        moved = replace(job, window_start_s=start_s, window_end_s=end_s)
        for engineer in nearest_engineers(problem, moved, planned):
            if insertable(problem, engineer, planned.get(engineer.id, []), moved) is not None:
                return Suggestion(
                    SuggestionKind.OTHER_WINDOW,
                    f"Offer {_hhmm(start_s)}–{_hhmm(end_s)} instead: {engineer.id} can fit it in.",
                    engineer_id=engineer.id, window_start_s=start_s, window_end_s=end_s)
    return None


def suggest_overtime(problem: Problem, job: Job,
                     planned: dict[str, list[Job]]) -> Suggestion | None:
    """The least extra overtime, among the nearest engineers, that would fit the job."""
    best: tuple[int, Engineer] | None = None
    for engineer in nearest_engineers(problem, job, planned):
        needed_s = _overtime_needed(problem, engineer, planned.get(engineer.id, []), job)
        if needed_s is not None and (best is None or needed_s < best[0]):
            best = (needed_s, engineer)
    if best is None:
        return None
    needed_s, engineer = best
    minutes = needed_s // 60
    return Suggestion(SuggestionKind.OVERTIME,
                      f"{minutes} min of overtime for {engineer.id} would fit it in.",
                      engineer_id=engineer.id, overtime_s=needed_s)


def _overtime_needed(problem: Problem, engineer: Engineer, route: Sequence[Job],
                     job: Job) -> int | None:
    """Overtime (rounded up to 5 min, beyond what is allowed) that makes it fit, verified."""
    longest = replace(engineer, overtime_max_s=engineer.overtime_max_s + 4 * 3600)
    backs = [latest_return_needed(problem, longest, [*route[:p], job, *route[p:]])
             for p in range(len(route) + 1)]
    backs = [b for b in backs if b is not None and b > engineer.latest_return_s]
    if not backs:
        return None
    over_s = min(backs) - engineer.shift_end_s
    over_s = -(-over_s // OVERTIME_ROUND_S) * OVERTIME_ROUND_S
    if over_s <= engineer.overtime_max_s:
        return None
    extended = replace(engineer, overtime_max_s=over_s)
    return over_s if insertable(problem, extended, route, job) is not None else None


def suggest_engineer(problem: Problem, job: Job,
                     planned: dict[str, list[Job]]) -> Suggestion | None:
    """Another engineer who could take the job if its pin were lifted."""
    pinned = job.must_engineer
    free = replace(job, pinned_engineer=None, pinned_start_s=None)
    for engineer in nearest_engineers(problem, free, planned, exclude=pinned):
        if insertable(problem, engineer, planned.get(engineer.id, []), free) is not None:
            return Suggestion(SuggestionKind.LIFT_PIN,
                              f"Lift the pin to {pinned}: {engineer.id} can fit it in.",
                              engineer_id=engineer.id)
    return None
