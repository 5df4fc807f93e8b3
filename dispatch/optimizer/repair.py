"""Make routes proposed by another engine workable before OR-Tools reads them.

PyVRP knows nothing of breaks (and a few other rules); a route it proposes may be
impossible once lunch is taken. OR-Tools rejects a whole starting plan if one route
is impossible, so each route is first trimmed, in its own order, to the jobs that
still fit; OR-Tools' search then reinserts what was trimmed wherever it fits best.
"""

from __future__ import annotations

from collections.abc import Sequence

from dispatch.optimizer.problem import Problem
from dispatch.optimizer.schedule import is_workable


def feasible_routes(problem: Problem, routes: Sequence[Sequence[str]]) -> list[list[str]]:
    """Per engineer, the longest prefix-greedy subsequence of its route that is workable."""
    by_id = {job.id: job for job in problem.jobs}
    trimmed = []
    for engineer, route in zip(problem.engineers, routes, strict=True):
        kept = []
        for job_id in route:
            candidate = [*kept, by_id[job_id]]
            if is_workable(problem, engineer, candidate):
                kept = candidate
        trimmed.append([job.id for job in kept])
    return trimmed
