"""Read a Solomon VRPTW instance into the product's own Problem.

The benchmark must run the same model the dispatcher uses, so a Solomon vehicle
becomes an engineer (shift = the depot's window, a van capacity) and a customer a
job (window on the start of service, service time, demand). Solomon's Euclidean
distances are fractional; they are scaled by ``SCALE`` into integers. Travel time is
rounded *up*, so a plan feasible here is feasible in double precision too; distance
is rounded to nearest, and the bench recomputes it in double precision anyway.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dispatch.optimizer.problem import Costs, Engineer, Job, Problem

SCALE = 1000


@dataclass(frozen=True)
class SolomonInstance:
    """The raw instance, kept so the bench can recompute distances exactly."""

    name: str
    vehicles: int
    capacity: int
    coordinates: np.ndarray  # (n + 1, 2), row 0 = depot
    demand: np.ndarray
    ready: np.ndarray
    due: np.ndarray
    service: np.ndarray

    def euclidean(self) -> np.ndarray:
        delta = self.coordinates[:, None, :] - self.coordinates[None, :, :]
        return np.sqrt((delta**2).sum(axis=2))


def read_instance(path: Path | str) -> SolomonInstance:
    """Parse the classic text layout: VEHICLE block, then one customer per line."""
    lines = Path(path).read_text().splitlines()
    name = lines[0].strip()
    vehicle_row = next(i for i, line in enumerate(lines) if line.strip().startswith("NUMBER"))
    vehicles, capacity = (int(v) for v in lines[vehicle_row + 1].split()[:2])
    rows = [line.split() for line in lines[vehicle_row + 2:]]
    table = np.array([[float(v) for v in row] for row in rows
                      if len(row) == 7 and row[0].isdigit()])
    return SolomonInstance(
        name=name, vehicles=vehicles, capacity=capacity, coordinates=table[:, 1:3],
        demand=table[:, 3].astype(int), ready=table[:, 4].astype(int),
        due=table[:, 5].astype(int), service=table[:, 6].astype(int),
    )


def to_problem(instance: SolomonInstance) -> Problem:
    """Engineers ``v01..`` leave from and return to the depot (location 0); job ``c<i>``
    is customer i at location i. Distance is the only cost."""
    exact = instance.euclidean() * SCALE
    travel_s = np.ceil(exact - 1e-9).astype(np.int64)
    distance_m = np.rint(exact).astype(np.int64)
    engineers = [
        Engineer(id=f"v{k + 1:02d}", start_location=0, end_location=0,
                 shift_start_s=int(instance.ready[0]) * SCALE,
                 shift_end_s=int(instance.due[0]) * SCALE, capacity=instance.capacity)
        for k in range(instance.vehicles)
    ]
    jobs = [
        Job(id=f"c{i}", location=i, window_start_s=int(instance.ready[i]) * SCALE,
            window_end_s=int(instance.due[i]) * SCALE,
            duration_s=int(instance.service[i]) * SCALE, demand=int(instance.demand[i]))
        for i in range(1, len(instance.demand))
    ]
    return Problem(engineers, jobs, travel_s, distance_m, use_capacity=True,
                   costs=Costs(travel_per_s=0.0, distance_per_m=1.0), name=instance.name)


def read_problem(path: Path | str) -> Problem:
    return to_problem(read_instance(path))


def exact_distance(instance: SolomonInstance, routes: list[list[int]]) -> float:
    """Total Euclidean length of routes given as customer numbers, in double precision."""
    euclid = instance.euclidean()
    total = 0.0
    for route in routes:
        path = [0, *route, 0]
        total += math.fsum(euclid[a, b] for a, b in zip(path, path[1:], strict=False))
    return total
