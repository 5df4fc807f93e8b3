"""Why a job is in no route, established by checks, and the one change that would fit it.

The checks go from the most basic to the least: nobody has the skills; nobody skilled
can reach it inside a shift (plus overtime); the parts are on no skilled engineer's
van; its pin cannot hold; else the day is simply full. A suggestion is offered only
after the same workability check the repair uses says the changed job would fit into
an engineer's existing route: another window, some overtime, or another engineer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from dispatch.optimizer.problem import Job, Problem
from dispatch.optimizer.schedule import fits_day
from dispatch.optimizer.solution import ReasonCode, Route, Suggestion, UnassignedJob
from dispatch.optimizer.suggest import (
    insertable,
    suggest_engineer,
    suggest_overtime,
    suggest_window,
)

SUGGESTION_BUDGET_S = 3.0  # explanations never hold a plan back for long


def explain_unassigned(problem: Problem, routes: Sequence[Route],
                       dropped: Sequence[str]) -> tuple[UnassignedJob, ...]:
    """A reason for every dropped job and, within the time budget, a suggestion."""
    planned = {r.engineer_id: [problem.job(s.job_id) for s in r.stops] for r in routes}
    deadline = time.monotonic() + SUGGESTION_BUDGET_S
    explained = []
    for job_id in dropped:
        job = problem.job(job_id)
        reason = reason_for(problem, job, planned)
        suggestion = None
        if time.monotonic() < deadline:
            suggestion = suggestion_for(problem, job, reason, planned)
        explained.append(UnassignedJob(job_id, reason, suggestion))
    return tuple(explained)


def unrestricted(job: Job) -> Job:
    """The job with its pin, fixing and parts restriction lifted: skills and time only."""
    return replace(job, allowed_engineers=None, pinned_engineer=None, pinned_start_s=None,
                   fixed_engineer=None, started_s=None)


def reason_for(problem: Problem, job: Job, planned: dict[str, list[Job]]) -> ReasonCode:
    skilled = [e for e in problem.engineers if e.has_skills(job.skills)]
    if not skilled:
        return ReasonCode.NO_SKILLED_ENGINEER
    free = unrestricted(job)
    reachable = [e for e in skilled if fits_day(problem, e, [free])]
    if not reachable:
        return ReasonCode.WINDOW_OUTSIDE_SHIFTS
    if job.allowed_engineers is not None and not any(
            e.id in job.allowed_engineers for e in reachable):
        return ReasonCode.PARTS_UNAVAILABLE
    if job.must_engineer is not None and not _pin_can_hold(problem, job, planned):
        return ReasonCode.PINNED_CONFLICT
    return ReasonCode.NO_CAPACITY


def _pin_can_hold(problem: Problem, job: Job, planned: dict[str, list[Job]]) -> bool:
    """The pinned engineer may do it and it fits into that engineer's planned route."""
    engineer = problem.engineer(job.must_engineer)
    return job.may_be_done_by(engineer) and insertable(
        problem, engineer, planned.get(engineer.id, []), job) is not None


def suggestion_for(problem: Problem, job: Job, reason: ReasonCode,
                   planned: dict[str, list[Job]]) -> Suggestion | None:
    """The first verified single change, in the order a dispatcher would try them."""
    if reason is ReasonCode.NO_SKILLED_ENGINEER:
        return None
    if reason is ReasonCode.PINNED_CONFLICT:
        return suggest_engineer(problem, job, planned)
    if reason is ReasonCode.PARTS_UNAVAILABLE:
        return None
    return suggest_window(problem, job, planned) or suggest_overtime(problem, job, planned)

