"""The search itself: repeatable, reports progress, scales to a generated field day."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.optimizer.fieldday import FieldDayShape, field_day
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.solomon import exact_distance, read_instance, read_problem
from dispatch.optimizer.solution import ProgressPoint, Solution
from dispatch.optimizer.solver import solve
from dispatch.optimizer.validate import validate
from tests.unit.optimizer.conftest import quick

SOLOMON = Path(__file__).resolve().parents[4] / "shared" / "data" / "solomon"


@pytest.fixture(scope="module")
def small_field_day() -> Problem:
    return field_day(FieldDayShape(jobs=40, engineers=5, seed=3))


def plan_of(solution: Solution) -> list[tuple[str, tuple[str, ...], tuple[int, ...]]]:
    return [(r.engineer_id, r.job_ids, tuple(s.start_s for s in r.stops))
            for r in solution.routes]


def test_same_seed_and_solution_limit_give_the_same_plan(small_field_day: Problem) -> None:
    first = solve(small_field_day, options=quick(solution_limit=40))
    second = solve(small_field_day, options=quick(solution_limit=40))
    assert plan_of(first) == plan_of(second)


def test_the_two_core_hybrid_is_repeatable_too(small_field_day: Problem) -> None:
    options = quick(workers=2, use_pyvrp=True, solution_limit=20, pyvrp_iterations=50,
                    time_limit_s=8)
    first, second = solve(small_field_day, options=options), solve(small_field_day,
                                                                     options=options)
    assert plan_of(first) == plan_of(second)
    assert validate(small_field_day, first) == []


def test_a_field_day_plan_is_valid_and_every_job_left_out_has_a_reason(
        small_field_day: Problem) -> None:
    solution = solve(small_field_day, options=quick(workers=2, time_limit_s=2,
                                                    solution_limit=None))
    assert validate(small_field_day, solution) == []
    served = {job_id for route in solution.routes for job_id in route.job_ids}
    assert served | {u.job_id for u in solution.unassigned} == {
        j.id for j in small_field_day.jobs}
    assert solution.stats.first_feasible_s is not None


def test_progress_reports_ever_better_plans(small_field_day: Problem) -> None:
    points: list[ProgressPoint] = []
    solve(small_field_day, options=quick(), on_progress=points.append)
    assert points
    assert [p.elapsed_s for p in points] == sorted(p.elapsed_s for p in points)
    objectives = [p.objective for p in points]
    assert objectives == sorted(objectives, reverse=True)


@pytest.mark.skipif(not SOLOMON.exists(), reason="Solomon data not present")
def test_the_solomon_reader_scales_windows_and_keeps_the_fleet() -> None:
    problem = read_problem(SOLOMON / "C101.txt")
    assert (len(problem.jobs), len(problem.engineers)) == (100, 25)
    first = problem.job("c1")
    assert (first.window_start_s, first.window_end_s, first.duration_s, first.demand) \
        == (912_000, 967_000, 90_000, 10)
    assert problem.engineers[0].capacity == 200 and problem.use_capacity
    assert (problem.travel_s >= problem.distance_m).all()
    instance = read_instance(SOLOMON / "C101.txt")
    assert exact_distance(instance, [[1]]) == pytest.approx(2 * (5**2 + 18**2) ** 0.5)
