"""Make routes proposed by another engine workable before OR-Tools reads them.

PyVRP knows nothing of breaks (and a few other rules); a route it proposes may be
impossible once lunch is taken. OR-Tools rejects a whole starting plan if one route
is impossible, so each route is first trimmed, in its own order, by as few jobs as
it takes (the least urgent first); OR-Tools' search then reinserts what was trimmed
wherever it fits best.
"""

from __future__ import annotations

from collections.abc import Sequence

from dispatch.optimizer.layout import NodeLayout
from dispatch.optimizer.problem import Engineer, Job, Problem
from dispatch.optimizer.schedule import is_workable


def feasible_routes(problem: Problem, routes: Sequence[Sequence[str]]) -> list[list[str]]:
    """Per engineer, its route with the fewest, least urgent jobs taken out."""
    by_id = {job.id: job for job in problem.jobs}
    trimmed = []
    for engineer, route in zip(problem.engineers, routes, strict=True):
        kept = trim_route(problem, engineer, [by_id[job_id] for job_id in route])
        trimmed.append([job.id for job in kept])
    return trimmed


def trim_route(problem: Problem, engineer: Engineer, route: list[Job]) -> list[Job]:
    """Drop one job at a time: the least urgent whose removal makes the route
    workable, else the one where the route first fails."""
    while route and not is_workable(problem, engineer, route):
        order = sorted(range(len(route)), key=lambda i: (-route[i].priority, i))
        fixed = next((i for i in order
                      if is_workable(problem, engineer, route[:i] + route[i + 1:])), None)
        route = route[:fixed] + route[fixed + 1:] if fixed is not None else \
            _without_first_failure(problem, engineer, route)
    return route


def _without_first_failure(problem: Problem, engineer: Engineer, route: list[Job]) -> list[Job]:
    for end in range(1, len(route) + 1):
        if not is_workable(problem, engineer, route[:end]):
            return route[:end - 1] + route[end:]
    return route[:-1]


def plan_cost(problem: Problem, routes: Sequence[Sequence[str]]) -> int:
    """The model's objective for workable routes, before soft extras: every leg's arc
    cost plus the drop penalty of every job left out. Ranks proposals before the
    polish, which only has time to improve one of them."""
    layout = NodeLayout(problem)
    node_of = {job.id: node for node, job in enumerate(problem.jobs)}
    served = {job_id for route in routes for job_id in route}
    cost = sum(layout.drop_penalty(job) for job in problem.jobs if job.id not in served)
    for engineer, route in enumerate(routes):
        if not route:
            continue
        nodes = [layout.start_node(engineer), *(node_of[j] for j in route), layout.end_node(engineer)]
        cost += int(layout.arc_cost[nodes[:-1], nodes[1:]].sum())
    return cost
