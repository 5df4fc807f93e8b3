"""Named tiny days for the optimizer tests, built by builder functions.

The town is a straight road: location 0 is the depot/home, locations 1..7 are sites
one step apart, a step being 10 minutes and 1 km. Engineers work 08:00–17:00 by
default; jobs last an hour and may start 08:00–16:00 unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from dispatch.optimizer.options import SearchOptions
from dispatch.optimizer.problem import BreakWindow, Costs, Engineer, Job, Problem

H, M = 3600, 60
STEP_S, STEP_M = 10 * M, 1000
PLACES = 8
LUNCH = BreakWindow(12 * H, 13 * H + 30 * M, 30 * M)


def road_travel_s() -> np.ndarray:
    places = np.arange(PLACES)
    return np.abs(places[:, None] - places[None, :]) * STEP_S


def make_engineer(id: str = "ann", **overrides: object) -> Engineer:  # noqa: A002
    fields = dict(id=id, start_location=0, end_location=0, shift_start_s=8 * H,
                  shift_end_s=17 * H, skills={"locks": 2})
    return Engineer(**(fields | overrides))


def make_job(id: str = "A", **overrides: object) -> Job:  # noqa: A002
    fields = dict(id=id, location=1, window_start_s=8 * H, window_end_s=16 * H,
                  duration_s=60 * M, skills={"locks": 1})
    return Job(**(fields | overrides))


def make_problem(engineers: Sequence[Engineer], jobs: Sequence[Job],
                 **overrides: object) -> Problem:
    travel_s = road_travel_s()
    fields = dict(travel_s=travel_s, distance_m=travel_s // STEP_S * STEP_M,
                  costs=Costs(travel_per_s=1.0))
    return Problem(engineers, jobs, **(fields | overrides))


def quick(workers: int = 1, **overrides: object) -> SearchOptions:
    """Small, repeatable searches: a solution limit, one process unless asked."""
    fields = dict(time_limit_s=2.0, solution_limit=60, workers=workers, use_pyvrp=False)
    return SearchOptions(**(fields | overrides))


@pytest.fixture
def two_trades_day() -> Problem:
    """Ann does locks, Bob hvac (level 2) and Cleo hvac level 3; one job each trade."""
    engineers = [make_engineer("ann"), make_engineer("bob", skills={"hvac": 2}),
                 make_engineer("cleo", skills={"hvac": 3}, start_location=7, end_location=7)]
    jobs = [make_job("lock", location=2), make_job("boiler", location=3, skills={"hvac": 3})]
    return make_problem(engineers, jobs)


@pytest.fixture
def lunch_day() -> Problem:
    """Ann, with a 30 min lunch 12:00–13:30, has jobs before, around and after noon."""
    jobs = [make_job("morning", location=1, window_start_s=10 * H, window_end_s=11 * H),
            make_job("noon", location=2, window_start_s=12 * H, window_end_s=12 * H + 30 * M),
            make_job("afternoon", location=3, window_start_s=13 * H, window_end_s=14 * H)]
    return make_problem([make_engineer(lunch=LUNCH)], jobs)
