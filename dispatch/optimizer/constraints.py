"""One function per constraint family of the OR-Tools model.

They work on the routing objects that ``solver`` builds and passes in, so this module
never imports OR-Tools itself (``solver.py`` stays its only importer). Each function
states one rule of the day; the tests exercise each one on a tiny named instance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dispatch.optimizer.layout import NodeLayout, overtime_coefficient

TIME = "time"
BIG_CAPACITY = 10**9


@dataclass
class RoutingContext:
    """The pieces of one OR-Tools model the constraint functions need."""

    routing: Any
    manager: Any
    layout: NodeLayout
    time: Any = None
    break_intervals: dict[int, Any] = field(default_factory=dict)

    def index(self, node: int) -> int:
        return self.manager.NodeToIndex(node)

    @property
    def problem(self):  # noqa: ANN201 - the Problem, typed in layout
        return self.layout.problem


def horizon_s(ctx: RoutingContext) -> int:
    problem = ctx.problem
    ends = [e.latest_return_s for e in problem.engineers]
    ends += [j.window_end_s + j.duration_s for j in problem.jobs]
    return max(ends, default=0) + 1


def add_travel_cost(ctx: RoutingContext) -> None:
    """Objective: driving time and/or distance, as a native matrix (no Python callback)."""
    cost = ctx.routing.RegisterTransitMatrix(ctx.layout.arc_cost.tolist())
    ctx.routing.SetArcCostEvaluatorOfAllVehicles(cost)
    if ctx.problem.costs.vehicle_fixed:
        ctx.routing.SetFixedCostOfAllVehicles(ctx.problem.costs.vehicle_fixed)


def add_time(ctx: RoutingContext) -> None:
    """Time dimension: cumul = start of service; transit = service here + drive on."""
    layout = ctx.layout
    transit = layout.travel_s + layout.service_s[:, None]
    callback = ctx.routing.RegisterTransitMatrix(transit.tolist())
    horizon = horizon_s(ctx)
    ctx.routing.AddDimension(callback, horizon, horizon, False, TIME)
    ctx.time = ctx.routing.GetDimensionOrDie(TIME)


def add_windows(ctx: RoutingContext) -> None:
    """Service starts inside the appointment window, never before a re-plan's now."""
    now_s = ctx.problem.now_s
    for node, job in enumerate(ctx.problem.jobs):
        low, high = job.window_start_s, job.window_end_s
        fixed_s = job.must_start_s
        if fixed_s is not None:
            low, high = max(low, fixed_s), min(high, fixed_s)
        elif now_s is not None:
            low = max(low, now_s)
        if low > high:
            ctx.routing.ActiveVar(ctx.index(node)).SetValue(0)
            continue
        ctx.time.CumulVar(ctx.index(node)).SetRange(low, high)


def add_shifts(ctx: RoutingContext) -> None:
    """Leave no earlier than the shift (or free-from), return by shift end + overtime;
    each second past the shift end costs the engineer's overtime rate."""
    routing = ctx.routing
    started = {j.fixed_engineer for j in ctx.problem.jobs if j.started_s is not None}
    for vehicle, engineer in enumerate(ctx.problem.engineers):
        leave_s = engineer.shift_start_s if engineer.id in started else engineer.available_from_s
        ctx.time.CumulVar(routing.Start(vehicle)).SetMin(leave_s)
        end = ctx.time.CumulVar(routing.End(vehicle))
        end.SetMax(engineer.latest_return_s)
        coefficient = overtime_coefficient(engineer.overtime_cost_per_h)
        if coefficient and engineer.overtime_max_s:
            ctx.time.SetCumulVarSoftUpperBound(routing.End(vehicle), engineer.shift_end_s,
                                               coefficient)


def add_breaks(ctx: RoutingContext) -> None:
    """Each lunch is an interval inside its window that never overlaps a visit; OR-Tools
    lets it interrupt a drive and takes it out of the waiting time (slack)."""
    solver = ctx.routing.solver()
    visit_s = [int(ctx.layout.service_s[ctx.manager.IndexToNode(i)])
               for i in range(ctx.routing.Size())]
    for vehicle, engineer in enumerate(ctx.problem.engineers):
        lunch = engineer.lunch
        if lunch is None or lunch.duration_s == 0:
            continue
        interval = solver.FixedDurationIntervalVar(
            lunch.window_start_s, lunch.window_end_s - lunch.duration_s, lunch.duration_s,
            False, f"lunch {engineer.id}")
        ctx.time.SetBreakIntervalsOfVehicle([interval], vehicle, visit_s)
        ctx.break_intervals[vehicle] = interval


def add_allowed_engineers(ctx: RoutingContext) -> None:
    """Skills at level, parts on the van, pins and re-plan fixings, as allowed vehicles.

    ``SetAllowedVehiclesForIndex`` rejects a Python list in ortools 9.15, so the
    vehicle variable's domain is set directly (-1 = unperformed).
    """
    engineers = ctx.problem.engineers
    for node, job in enumerate(ctx.problem.jobs):
        allowed = [v for v, engineer in enumerate(engineers) if job.may_be_done_by(engineer)]
        if len(allowed) < len(engineers):
            ctx.routing.VehicleVar(ctx.index(node)).SetValues([-1, *allowed])


def add_drop_penalties(ctx: RoutingContext) -> None:
    """Every job is optional at a priority-scaled price above any travel it could save."""
    for node, job in enumerate(ctx.problem.jobs):
        ctx.routing.AddDisjunction([ctx.index(node)], ctx.layout.drop_penalty(job))


def add_capacity(ctx: RoutingContext) -> None:
    """Van load (Solomon's capacity): the demands on a route never exceed the capacity."""
    if not ctx.problem.use_capacity:
        return
    demand = [int(j.demand) for j in ctx.problem.jobs] + [0] * (2 * ctx.layout.engineer_count)
    callback = ctx.routing.RegisterUnaryTransitVector(demand)
    capacities = [BIG_CAPACITY if e.capacity is None else e.capacity
                  for e in ctx.problem.engineers]
    ctx.routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, True, "load")


def add_travel_limits(ctx: RoutingContext) -> None:
    """An engineer's cap on driving time or distance per day, when one is set."""
    engineers = ctx.problem.engineers
    for name, matrix, limit in (
        ("drive", ctx.layout.travel_s, [e.max_travel_s for e in engineers]),
        ("distance", ctx.layout.distance_m, [e.max_distance_m for e in engineers]),
    ):
        if all(value is None for value in limit):
            continue
        callback = ctx.routing.RegisterTransitMatrix(matrix.tolist())
        capacities = [BIG_CAPACITY if value is None else value for value in limit]
        ctx.routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, True, name)


def add_engineer_preferences(ctx: RoutingContext) -> None:
    """Soft: a preferred engineer missed, or a promised job moved to someone else, costs.

    A per-vehicle unary transit counts the penalty of every job the vehicle takes that
    is not its own; the dimension's span cost puts the sum in the objective.
    """
    jobs, costs = ctx.problem.jobs, ctx.problem.costs
    if not any(j.preferred_engineer or j.promised_engineer for j in jobs):
        return
    tail = [0] * (2 * ctx.layout.engineer_count)
    callbacks: dict[tuple[int, ...], int] = {}
    per_vehicle = []
    for engineer in ctx.problem.engineers:
        vector = tuple(
            (costs.preferred_engineer_miss
             if j.preferred_engineer not in (None, engineer.id) else 0)
            + (costs.promised_move if j.promised_engineer not in (None, engineer.id) else 0)
            for j in jobs
        )
        if vector not in callbacks:
            callbacks[vector] = ctx.routing.RegisterUnaryTransitVector([*vector, *tail])
        per_vehicle.append(callbacks[vector])
    ctx.routing.AddDimensionWithVehicleTransits(per_vehicle, 0, BIG_CAPACITY, True,
                                                "preference")
    ctx.routing.GetDimensionOrDie("preference").SetSpanCostCoefficientForAllVehicles(1)


def add_promised_windows(ctx: RoutingContext) -> None:
    """Soft: starting outside the window promised to the customer costs per second, so
    that a quarter of an hour outside costs one ``promised_move``."""
    coefficient = max(1, ctx.problem.costs.promised_move // 900)
    for node, job in enumerate(ctx.problem.jobs):
        if job.promised_window is None:
            continue
        start_s, end_s = job.promised_window
        index = ctx.index(node)
        ctx.time.SetCumulVarSoftLowerBound(index, start_s, coefficient)
        ctx.time.SetCumulVarSoftUpperBound(index, end_s, coefficient)


def add_earliest_schedule(ctx: RoutingContext) -> None:
    """Among the schedules of the chosen routes, the one a dispatcher wants: each job as
    early in its window as the route allows (so a delay eats slack, not the promise), and
    each engineer leaving home no earlier than that needs. Decides times, never routes."""
    routing = ctx.routing
    for node in range(ctx.layout.job_count):
        routing.AddVariableMinimizedByFinalizer(ctx.time.CumulVar(ctx.index(node)))
    for vehicle in range(ctx.layout.engineer_count):
        routing.AddVariableMaximizedByFinalizer(ctx.time.CumulVar(routing.Start(vehicle)))
        routing.AddVariableMinimizedByFinalizer(ctx.time.CumulVar(routing.End(vehicle)))
