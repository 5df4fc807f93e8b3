"""The OR-Tools routing model of a field day, and one search on it.

The only module that imports OR-Tools. It builds the model from the constraint
families in ``constraints`` (every rule of the day is expressed here, breaks
included), runs one search (a first solution, then guided local search to the
limit), optionally starting from routes another engine found, and reads the timed
routes back. ``portfolio`` runs several of these in parallel and keeps the best.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from dispatch.optimizer import constraints as rules
from dispatch.optimizer.layout import NodeLayout
from dispatch.optimizer.options import ProgressCallback, SearchOptions
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.solution import ProgressPoint, Route, Solution, SolveStats
from dispatch.optimizer.timing import build_route

CONSTRAINT_FAMILIES = (
    rules.add_travel_cost, rules.add_time, rules.add_windows, rules.add_shifts,
    rules.add_breaks, rules.add_allowed_engineers, rules.add_drop_penalties,
    rules.add_capacity, rules.add_travel_limits, rules.add_engineer_preferences,
    rules.add_promised_windows, rules.add_earliest_schedule,
)
PARTS_SHARE = 0.95  # of the time limit, when a large day is planned as territories


@dataclass(frozen=True)
class SearchResult:
    """One search's plan before explanation: routes, dropped job ids, objective."""

    routes: tuple[Route, ...]
    dropped: tuple[str, ...]
    objective: int
    stats: SolveStats


def build_model(problem: Problem) -> rules.RoutingContext:
    """Every constraint family, applied in order to a fresh routing model."""
    layout = NodeLayout(problem)
    engineers = range(layout.engineer_count)
    manager = pywrapcp.RoutingIndexManager(
        layout.node_count, layout.engineer_count,
        [layout.start_node(e) for e in engineers], [layout.end_node(e) for e in engineers])
    ctx = rules.RoutingContext(pywrapcp.RoutingModel(manager), manager, layout)
    for add_family in CONSTRAINT_FAMILIES:
        add_family(ctx)
    return ctx


def search_parameters(options: SearchOptions, time_limit_s: float) -> object:
    """GLS from the chosen first strategy; a solution limit makes the run repeatable
    (the time limit still bounds it, e.g. when no second solution exists)."""
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(
        routing_enums_pb2.FirstSolutionStrategy, options.strategies[0])
    params.local_search_metaheuristic = getattr(
        routing_enums_pb2.LocalSearchMetaheuristic, options.metaheuristic)
    if options.solution_limit is not None:
        params.solution_limit = options.solution_limit
    params.time_limit.FromMilliseconds(max(1, int(time_limit_s * 1000)))
    return params


def solve_once(problem: Problem, options: SearchOptions, time_limit_s: float,
               initial_routes: Sequence[Sequence[str]] | None = None,
               on_progress: ProgressCallback | None = None) -> SearchResult | None:
    """One search; ``initial_routes`` (job ids per engineer) seed it when they fit."""
    began = time.monotonic()
    ctx = build_model(problem)
    params = search_parameters(options, time_limit_s - (time.monotonic() - began))
    trace = _ProgressTrace(ctx, began, on_progress)
    ctx.routing.AddAtSolutionCallback(trace)
    start = _initial_assignment(ctx, params, initial_routes) if initial_routes else None
    left_s = time_limit_s - (time.monotonic() - began)  # reading the routes took some of it
    params.time_limit.FromMilliseconds(max(1, int(left_s * 1000)))
    if start is not None:
        trace.record_assignment(start)
    assignment = ctx.routing.SolveFromAssignmentWithParameters(start, params)
    if assignment is None:
        assignment = start
    if assignment is None:
        return None
    routes, dropped = read_plan(ctx, assignment)
    stats = SolveStats(elapsed_s=time.monotonic() - began, first_feasible_s=trace.first_s,
                       progress=tuple(trace.points), engine=options.strategies[0])
    return SearchResult(routes, dropped, int(assignment.ObjectiveValue()), stats)


def _initial_assignment(ctx: rules.RoutingContext, params: object,
                        initial_routes: Sequence[Sequence[str]]) -> object | None:
    ctx.routing.CloseModelWithParameters(params)
    node_of = {job.id: node for node, job in enumerate(ctx.problem.jobs)}
    routes = [[ctx.index(node_of[job_id]) for job_id in route] for route in initial_routes]
    return ctx.routing.ReadAssignmentFromRoutes(routes, True)


def read_plan(ctx: rules.RoutingContext,
              assignment: object) -> tuple[tuple[Route, ...], tuple[str, ...]]:
    """Timed routes of the engineers with work, and the jobs nobody got."""
    routing, time_dim = ctx.routing, ctx.time
    routes, served = [], set()
    for vehicle in range(ctx.layout.engineer_count):
        index = assignment.Value(routing.NextVar(routing.Start(vehicle)))
        nodes, starts = [], []
        while not routing.IsEnd(index):
            nodes.append(ctx.manager.IndexToNode(index))
            starts.append(assignment.Value(time_dim.CumulVar(index)))
            index = assignment.Value(routing.NextVar(index))
        if not nodes:
            continue
        served.update(nodes)
        departure_s = assignment.Value(time_dim.CumulVar(routing.Start(vehicle)))
        routes.append(build_route(ctx.layout, vehicle, nodes, starts, departure_s,
                                  _break_start(ctx, assignment, vehicle)))
    dropped = tuple(j.id for n, j in enumerate(ctx.problem.jobs) if n not in served)
    return tuple(routes), dropped


def _break_start(ctx: rules.RoutingContext, assignment: object, vehicle: int) -> int | None:
    interval = ctx.break_intervals.get(vehicle)
    if interval is None:
        return None
    container = assignment.IntervalVarContainer()
    for position in range(container.Size()):
        element = container.Element(position)
        if element.Var().Name() == interval.Name():
            return int(element.StartValue())
    return int(assignment.StartValue(interval))


class _ProgressTrace:
    """Records each improving solution (time, objective, jobs served) as it is found."""

    def __init__(self, ctx: rules.RoutingContext, began: float,
                 on_progress: ProgressCallback | None) -> None:
        self.ctx, self.began, self.on_progress = ctx, began, on_progress
        self.best: int | None = None
        self.first_s: float | None = None
        self.points: list[ProgressPoint] = []

    def __call__(self) -> None:
        objective = self.ctx.routing.CostVar().Value()
        if self.best is not None and objective >= self.best:
            return
        routing = self.ctx.routing
        served = sum(1 for node in range(self.ctx.layout.job_count)
                     if routing.NextVar(self.ctx.index(node)).Value() != self.ctx.index(node))
        self._record(objective, served)

    def record_assignment(self, assignment: object) -> None:
        routing = self.ctx.routing
        served = sum(1 for node in range(self.ctx.layout.job_count)
                     if assignment.Value(routing.NextVar(self.ctx.index(node)))
                     != self.ctx.index(node))
        self._record(assignment.ObjectiveValue(), served)

    def _record(self, objective: int, served: int) -> None:
        elapsed = time.monotonic() - self.began
        if self.first_s is None:
            self.first_s = elapsed
        self.best = objective
        point = ProgressPoint(elapsed, int(objective), served)
        self.points.append(point)
        if self.on_progress is not None:
            self.on_progress(point)


def solve(problem: Problem, time_limit_s: float = 10.0, seed: int = 1,
          options: SearchOptions | None = None,
          on_progress: ProgressCallback | None = None) -> Solution:
    """Plan the day: the public entry point (portfolio search, then explanations).

    Never fails on a feasible-or-not instance: every job is optional, so the worst
    answer is a plan that leaves jobs out, each with its reason.
    """
    from dispatch.optimizer.explain import explain_unassigned  # noqa: PLC0415 - cycle
    from dispatch.optimizer.partition import solve_parts, split  # noqa: PLC0415 - imports us
    from dispatch.optimizer.portfolio import best_plan  # noqa: PLC0415 - imports us

    options = options or SearchOptions(time_limit_s=time_limit_s, seed=seed)
    parts = split(problem)
    if len(parts) == 1:
        result = best_plan(problem, options, on_progress)
    else:  # explaining a large day's leftovers takes a few seconds of the limit
        share = replace(options, time_limit_s=options.time_limit_s * PARTS_SHARE)
        result = solve_parts(parts, share, on_progress)
    if result is None:
        dropped = tuple(job.id for job in problem.jobs)
        result = SearchResult((), dropped, 0, SolveStats(engine="none"))
    unassigned = explain_unassigned(problem, result.routes, result.dropped) \
        if options.explain else ()
    return Solution(result.routes, unassigned, result.objective, result.stats)
