"""The node layout every engine shares: jobs first, then each engineer's start and end.

OR-Tools and PyVRP both think in nodes, not in the problem's location indices, and
both need the same numbers (node travel, arc costs, drop penalties), so they are
computed once here, with numpy, without importing either solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from dispatch.optimizer.problem import Job, Problem

PRIORITY_WEIGHT = {1: 8, 2: 4, 3: 2, 4: 1}  # as the bench weighs the other solvers
PIN_WEIGHT = 50  # a pinned or started job outweighs every unpinned one


@dataclass(frozen=True)
class NodeLayout:
    """Node ``j < J`` is job ``j``; ``J + e`` engineer ``e``'s start; ``J + E + e`` its end."""

    problem: Problem

    @property
    def job_count(self) -> int:
        return len(self.problem.jobs)

    @property
    def engineer_count(self) -> int:
        return len(self.problem.engineers)

    @property
    def node_count(self) -> int:
        return self.job_count + 2 * self.engineer_count

    def start_node(self, engineer: int) -> int:
        return self.job_count + engineer

    def end_node(self, engineer: int) -> int:
        return self.job_count + self.engineer_count + engineer

    @cached_property
    def location(self) -> np.ndarray:
        """The problem's location index of every node."""
        jobs = [job.location for job in self.problem.jobs]
        starts = [e.departure_location for e in self.problem.engineers]
        ends = [e.end_location for e in self.problem.engineers]
        return np.array(jobs + starts + ends, dtype=np.int64)

    @cached_property
    def service_s(self) -> np.ndarray:
        durations = np.zeros(self.node_count, dtype=np.int64)
        durations[: self.job_count] = [job.duration_s for job in self.problem.jobs]
        return durations

    @cached_property
    def travel_s(self) -> np.ndarray:
        """Node-to-node driving time (no service)."""
        return self.problem.travel_s[np.ix_(self.location, self.location)]

    @cached_property
    def distance_m(self) -> np.ndarray:
        return self.problem.distance_m[np.ix_(self.location, self.location)]

    @cached_property
    def arc_cost(self) -> np.ndarray:
        """What one leg costs in the objective: driving time and/or distance, rounded."""
        costs = self.problem.costs
        cost = self.travel_s * costs.travel_per_s + self.distance_m * costs.distance_per_m
        return np.rint(cost).astype(np.int64)

    @cached_property
    def drop_unit(self) -> int:
        """More than serving any one job can ever cost, so a job is dropped only when
        no plan can take it: two longest legs, all overtime, every soft penalty."""
        costs = self.problem.costs
        overtime = max(
            (overtime_coefficient(e.overtime_cost_per_h) * e.overtime_max_s
             for e in self.problem.engineers), default=0,
        )
        legs = 2 * int(self.arc_cost.max(initial=0))
        soft = costs.preferred_engineer_miss + costs.promised_move + costs.vehicle_fixed
        if any(job.promised_window for job in self.problem.jobs):
            soft += (costs.promised_move // 900 + 1) * 86_400  # a promised window missed
        return legs + overtime + soft + 1

    def drop_penalty(self, job: Job) -> int:
        """Dropping costs more for urgent jobs; pins and started jobs cost most."""
        weight = PRIORITY_WEIGHT[job.priority]
        if job.must_engineer is not None:
            weight *= PIN_WEIGHT
        return self.drop_unit * weight


def overtime_coefficient(cost_per_h: float) -> int:
    """Cost per second of overtime as the integer the solvers need (≥ 1 if any)."""
    if cost_per_h <= 0:
        return 0
    return max(1, round(cost_per_h / 3600))
