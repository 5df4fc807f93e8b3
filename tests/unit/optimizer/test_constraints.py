"""One test per rule of the day, each on a tiny named instance; every plan validated."""

from __future__ import annotations

from dispatch.optimizer.problem import Costs, Problem
from dispatch.optimizer.solution import ReasonCode, Solution
from dispatch.optimizer.solver import solve
from dispatch.optimizer.validate import validate
from tests.unit.optimizer.conftest import (
    LUNCH,
    H,
    M,
    make_engineer,
    make_job,
    make_problem,
    quick,
)


def planned(problem: Problem, **options: object) -> Solution:
    solution = solve(problem, options=quick(**options))
    assert validate(problem, solution) == []
    return solution


def test_a_job_goes_only_to_an_engineer_with_its_skill(two_trades_day: Problem) -> None:
    solution = planned(two_trades_day)
    assert solution.engineer_of("lock") == "ann"


def test_a_job_goes_only_to_an_engineer_at_its_level(two_trades_day: Problem) -> None:
    solution = planned(two_trades_day)
    assert solution.engineer_of("boiler") == "cleo"  # bob is nearer but only level 2


def test_service_starts_inside_the_appointment_window() -> None:
    jobs = [make_job("early", location=3, window_start_s=9 * H, window_end_s=9 * H + 15 * M),
            make_job("late", location=1, window_start_s=14 * H, window_end_s=14 * H + 5 * M)]
    solution = planned(make_problem([make_engineer()], jobs))
    starts = {s.job_id: s.start_s for r in solution.routes for s in r.stops}
    assert 9 * H <= starts["early"] <= 9 * H + 15 * M
    assert 14 * H <= starts["late"] <= 14 * H + 5 * M


def test_no_job_is_planned_past_the_shift_end() -> None:
    job = make_job(location=3, window_start_s=16 * H + 30 * M, window_end_s=17 * H)
    solution = planned(make_problem([make_engineer()], [job]))
    assert solution.served == 0
    assert solution.unassigned[0].reason is ReasonCode.WINDOW_OUTSIDE_SHIFTS


def test_allowed_overtime_is_used_and_priced() -> None:
    job = make_job(location=3, window_start_s=16 * H, window_end_s=16 * H)
    ann = make_engineer(overtime_max_s=H, overtime_cost_per_h=7200)
    solution = planned(make_problem([ann], [job]))
    route = solution.routes[0]
    assert route.overtime_s == 30 * M  # 16:00 + 1 h + 30 min home
    assert solution.objective == route.travel_s + 2 * route.overtime_s


def test_overtime_cost_sends_the_job_to_the_engineer_without_overtime() -> None:
    job = make_job(location=2, window_start_s=16 * H, window_end_s=16 * H)
    near = make_engineer("near", overtime_max_s=2 * H, overtime_cost_per_h=36_000)
    far = make_engineer("far", start_location=6, end_location=6, shift_end_s=19 * H)
    solution = planned(make_problem([near, far], [job]))
    assert solution.engineer_of("A") == "far"


def test_the_break_lies_inside_its_window_and_never_during_a_job(lunch_day: Problem) -> None:
    solution = planned(lunch_day)
    route = solution.routes[0]
    assert solution.served == 3
    assert LUNCH.window_start_s <= route.break_start_s
    assert route.break_end_s <= LUNCH.window_end_s
    assert route.break_end_s - route.break_start_s == LUNCH.duration_s
    for stop in route.stops:
        assert route.break_end_s <= stop.start_s or stop.end_s <= route.break_start_s


def test_a_pinned_job_stays_with_its_engineer_at_its_start() -> None:
    job = make_job(location=1, pinned_engineer="far", pinned_start_s=11 * H)
    engineers = [make_engineer("near"), make_engineer("far", start_location=7, end_location=7)]
    solution = planned(make_problem(engineers, [job]))
    assert solution.engineer_of("A") == "far"
    assert solution.routes[0].stops[0].start_s == 11 * H


def test_when_not_everything_fits_the_lowest_priority_is_dropped() -> None:
    jobs = [make_job("routine", priority=4, window_start_s=10 * H, window_end_s=10 * H),
            make_job("urgent", priority=1, location=2, window_start_s=10 * H,
                     window_end_s=10 * H)]
    solution = planned(make_problem([make_engineer()], jobs))
    assert solution.engineer_of("urgent") == "ann"
    assert [u.job_id for u in solution.unassigned] == ["routine"]


def test_a_job_needing_a_part_goes_only_to_a_van_that_carries_it() -> None:
    job = make_job(location=1, allowed_engineers=frozenset({"far"}))
    engineers = [make_engineer("near"), make_engineer("far", start_location=7, end_location=7)]
    assert planned(make_problem(engineers, [job])).engineer_of("A") == "far"


def test_a_van_never_carries_more_than_its_capacity() -> None:
    jobs = [make_job(f"j{i}", location=i, demand=2) for i in range(1, 5)]
    engineers = [make_engineer("ann", capacity=5), make_engineer("bob", capacity=5)]
    solution = planned(make_problem(engineers, jobs, use_capacity=True))
    assert solution.served == 4
    assert all(len(route.stops) == 2 for route in solution.routes)


def test_a_re_plan_keeps_a_started_job_with_its_engineer() -> None:
    started = make_job("started", location=6, fixed_engineer="far", started_s=10 * H)
    fresh = make_job("fresh", location=2)
    engineers = [make_engineer("near"), make_engineer("far", start_location=7, end_location=7)]
    solution = planned(make_problem(engineers, [started, fresh], now_s=10 * H + 30 * M))
    assert solution.engineer_of("started") == "far"
    stops = {s.job_id: s for r in solution.routes for s in r.stops}
    assert stops["started"].start_s == 10 * H
    assert stops["fresh"].start_s >= 10 * H + 30 * M


def test_moving_a_promised_job_to_another_engineer_costs_a_penalty() -> None:
    engineers = [make_engineer("near"), make_engineer("far", start_location=5, end_location=5)]
    promised = make_job(location=2, promised_engineer="far")  # 20 min more driving for far
    assert planned(make_problem(engineers, [promised])).engineer_of("A") == "far"
    cheap = make_problem(engineers, [promised], costs=Costs(promised_move=60))
    assert planned(cheap).engineer_of("A") == "near"


def test_the_preferred_engineer_wins_only_when_missing_them_costs_more_than_the_detour() -> None:
    engineers = [make_engineer("near"), make_engineer("liked", start_location=5, end_location=5)]
    job = make_job(location=2, preferred_engineer="liked")  # 20 min more driving for liked
    costly_miss = make_problem(engineers, [job], costs=Costs(preferred_engineer_miss=3000))
    assert planned(costly_miss).engineer_of("A") == "liked"
    cheap_miss = make_problem(engineers, [job], costs=Costs(preferred_engineer_miss=600))
    assert planned(cheap_miss).engineer_of("A") == "near"


def test_each_job_starts_as_early_as_its_window_and_route_allow_and_home_is_left_just_in_time() -> None:
    jobs = [make_job("first", location=3, window_start_s=9 * H, window_end_s=11 * H),
            make_job("second", location=4, window_start_s=9 * H, window_end_s=13 * H)]
    solution = planned(make_problem([make_engineer()], jobs))
    route = solution.routes[0]
    assert [stop.start_s for stop in route.stops] == [9 * H, 10 * H + 10 * M]
    assert route.departure_s == 9 * H - 3 * 10 * M  # three road steps before the window opens
