"""Turn a visiting order and its service starts into the times a dispatcher reads.

The solver decides the order and when each job starts; the arrival, the return home
and the overtime follow from those and the break, computed here one way for everyone.
"""

from __future__ import annotations

from collections.abc import Sequence

from dispatch.optimizer.layout import NodeLayout
from dispatch.optimizer.solution import Route, Stop


def build_route(layout: NodeLayout, vehicle: int, job_nodes: Sequence[int],
                start_times_s: Sequence[int], departure_s: int,
                break_start_s: int | None) -> Route:
    """A timed route; a break that falls in a gap delays the arrival it precedes."""
    engineer = layout.problem.engineers[vehicle]
    break_s = engineer.lunch.duration_s if engineer.lunch and break_start_s is not None else 0
    previous, previous_end_s = layout.start_node(vehicle), departure_s
    stops = []
    for node, start_s in zip(job_nodes, start_times_s, strict=True):
        travel_s = int(layout.travel_s[previous, node])
        arrival_s = previous_end_s + travel_s
        if break_s and previous_end_s <= break_start_s < start_s and break_start_s < arrival_s:
            arrival_s += break_s
        job = layout.problem.jobs[node]
        stops.append(Stop(job.id, arrival_s, start_s, start_s + job.duration_s, travel_s,
                          int(layout.distance_m[previous, node])))
        previous, previous_end_s = node, start_s + job.duration_s
    end = layout.end_node(vehicle)
    return_s = previous_end_s + int(layout.travel_s[previous, end])
    if break_s and previous_end_s <= break_start_s < return_s:
        return_s += break_s
    return Route(
        engineer_id=engineer.id, stops=tuple(stops), departure_s=departure_s,
        return_s=return_s, return_travel_s=int(layout.travel_s[previous, end]),
        return_distance_m=int(layout.distance_m[previous, end]),
        break_start_s=break_start_s if break_s else None,
        break_end_s=break_start_s + break_s if break_s else None,
        overtime_s=max(0, return_s - engineer.shift_end_s),
    )
