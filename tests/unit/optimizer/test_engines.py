"""The engines that propose routes (PyVRP, VROOM) and what the portfolio does with them.

Neither engine's routes reach a plan unchecked: they are repaired and read into the
full OR-Tools model. These tests pin down what each engine is given, so a proposal is
worth repairing at all.
"""

from __future__ import annotations

import pytest

from dispatch.optimizer import pyvrp_engine, vroom_engine
from dispatch.optimizer.fieldday import FieldDayShape, field_day
from dispatch.optimizer.layout import NodeLayout
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.repair import feasible_routes, plan_cost
from dispatch.optimizer.schedule import is_workable
from dispatch.optimizer.solver import solve
from dispatch.optimizer.validate import validate
from tests.unit.optimizer.conftest import LUNCH, H, make_engineer, make_job, make_problem, quick


@pytest.fixture(scope="module")
def lunch_field_day() -> Problem:
    return field_day(FieldDayShape(jobs=40, engineers=5, seed=5))


def _same_address_day() -> Problem:
    """Two jobs at one address; only Bob may do the boiler, anyone the lock."""
    jobs = [make_job("lock", location=3),
            make_job("boiler", location=3, allowed_engineers=frozenset({"bob"}))]
    engineers = [make_engineer("ann"), make_engineer("bob", start_location=7, end_location=7)]
    return make_problem(engineers, jobs)


@pytest.mark.parametrize("propose", [
    lambda p: pyvrp_engine.propose_routes(p, 1.0, seed=1, iterations=200),
    lambda p: vroom_engine.propose_routes(p, 1.0),
], ids=["pyvrp", "vroom"])
def test_a_permission_cut_for_one_job_spares_another_at_the_same_address(propose) -> None:
    problem = _same_address_day()
    routes = dict(zip([e.id for e in problem.engineers], propose(problem), strict=True))
    assert "boiler" in routes["bob"]
    assert "boiler" not in routes["ann"]
    assert "lock" in routes["ann"] + routes["bob"]


def test_vroom_plans_lunch_so_its_routes_need_no_trimming(lunch_field_day: Problem) -> None:
    routes = vroom_engine.propose_routes(lunch_field_day, 2.0)
    assert any(routes)
    for engineer, route in zip(lunch_field_day.engineers, routes, strict=True):
        by_id = {job.id: job for job in lunch_field_day.jobs}
        assert is_workable(lunch_field_day, engineer, [by_id[j] for j in route])
    assert feasible_routes(lunch_field_day, routes) == routes


def test_a_pinned_start_is_a_one_instant_window_for_vroom() -> None:
    job = make_job("pinned", location=2, pinned_engineer="ann", pinned_start_s=11 * H)
    problem = make_problem([make_engineer("ann", lunch=LUNCH)], [job, make_job("B", location=4)])
    routes = vroom_engine.propose_routes(problem, 1.0)
    assert "pinned" in routes[0]
    assert feasible_routes(problem, routes) == routes


def test_plan_cost_is_every_leg_plus_the_penalty_of_every_job_left_out() -> None:
    problem = make_problem([make_engineer()], [make_job("A", location=2), make_job("B", location=5)])
    layout = NodeLayout(problem)
    ten_minutes = 600
    assert plan_cost(problem, [[]]) == sum(layout.drop_penalty(j) for j in problem.jobs)
    assert plan_cost(problem, [["A"]]) == 2 * 2 * ten_minutes + layout.drop_penalty(problem.jobs[1])
    assert plan_cost(problem, [["A", "B"]]) == 2 * 5 * ten_minutes


def test_the_portfolio_with_vroom_and_pyvrp_gives_a_valid_repeatable_plan(
        lunch_field_day: Problem) -> None:
    options = quick(workers=2, use_pyvrp=True, use_vroom=True, solution_limit=20,
                    pyvrp_iterations=50, time_limit_s=8)
    first, second = solve(lunch_field_day, options=options), solve(lunch_field_day, options=options)
    assert validate(lunch_field_day, first) == []
    assert [r.job_ids for r in first.routes] == [r.job_ids for r in second.routes]
    assert any(note.startswith(("vroom+ortools", "pyvrp+ortools")) for note in first.stats.notes)


def test_pyvrp_plans_each_lunch_where_the_engineer_is_at_noon(lunch_field_day: Problem) -> None:
    routes = pyvrp_engine.propose_routes(lunch_field_day, 4.0, seed=2, iterations=300)
    assert sum(map(len, routes)) > 0
    assert feasible_routes(lunch_field_day, routes) == routes


def test_lunch_is_placed_after_the_visit_ending_nearest_mid_break() -> None:
    jobs = [make_job("A", location=1, window_start_s=9 * H, window_end_s=9 * H),
            make_job("B", location=4, window_start_s=11 * H, window_end_s=11 * H),
            make_job("C", location=6, window_start_s=15 * H, window_end_s=15 * H)]
    problem = make_problem([make_engineer(lunch=LUNCH), make_engineer("idle", lunch=LUNCH,
                                                                    start_location=7)], jobs)
    places = pyvrp_engine.lunch_places(problem, [["A", "B", "C"], []])
    assert places == {0: (4, 2), 1: (7, 0)}
