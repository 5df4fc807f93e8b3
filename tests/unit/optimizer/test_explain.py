"""Each reason code is found by its check, and each suggestion would really fit."""

from __future__ import annotations

from dataclasses import replace

from dispatch.optimizer.problem import Problem
from dispatch.optimizer.solution import ReasonCode, Solution, SuggestionKind, UnassignedJob
from dispatch.optimizer.solver import solve
from dispatch.optimizer.validate import validate
from tests.unit.optimizer.conftest import H, M, make_engineer, make_job, make_problem, quick


def left_out(problem: Problem) -> dict[str, UnassignedJob]:
    solution = solve(problem, options=quick())
    assert validate(problem, solution) == []
    return {u.job_id: u for u in solution.unassigned}


def resolved(problem: Problem) -> Solution:
    return solve(problem, options=quick())


def test_nobody_with_the_trade_is_no_skilled_engineer() -> None:
    job = make_job(skills={"gas": 1})
    assert left_out(make_problem([make_engineer()], [job]))["A"].reason \
        is ReasonCode.NO_SKILLED_ENGINEER


def test_nobody_at_the_level_is_no_skilled_engineer() -> None:
    job = make_job(skills={"locks": 3})
    assert left_out(make_problem([make_engineer()], [job]))["A"].reason \
        is ReasonCode.NO_SKILLED_ENGINEER


def test_a_window_after_every_shift_is_window_outside_shifts_with_an_earlier_window() -> None:
    job = make_job(window_start_s=18 * H, window_end_s=19 * H)
    unassigned = left_out(make_problem([make_engineer()], [job]))["A"]
    assert unassigned.reason is ReasonCode.WINDOW_OUTSIDE_SHIFTS
    suggestion = unassigned.suggestion
    assert suggestion.kind is SuggestionKind.OTHER_WINDOW and suggestion.engineer_id == "ann"
    assert suggestion.window_start_s == 15 * H + 30 * M  # nearest half hour that fits
    moved = replace(job, window_start_s=suggestion.window_start_s,
                    window_end_s=suggestion.window_end_s)
    assert resolved(make_problem([make_engineer()], [moved])).served == 1


def test_a_part_only_on_unskilled_vans_is_parts_unavailable() -> None:
    engineers = [make_engineer("ann"), make_engineer("bob", skills={"hvac": 1})]
    job = make_job(allowed_engineers=frozenset({"bob"}))
    assert left_out(make_problem(engineers, [job]))["A"].reason \
        is ReasonCode.PARTS_UNAVAILABLE


def test_a_pin_to_someone_who_cannot_do_it_is_pinned_conflict_and_another_is_named() -> None:
    engineers = [make_engineer("ann"), make_engineer("bob", skills={"hvac": 1})]
    job = make_job(pinned_engineer="bob")
    unassigned = left_out(make_problem(engineers, [job]))["A"]
    assert unassigned.reason is ReasonCode.PINNED_CONFLICT
    assert unassigned.suggestion.kind is SuggestionKind.LIFT_PIN
    assert unassigned.suggestion.engineer_id == "ann"


def test_a_full_day_is_no_capacity_and_the_nearest_free_window_is_offered() -> None:
    jobs = [make_job("first", priority=1, window_start_s=10 * H, window_end_s=10 * H),
            make_job("second", priority=4, window_start_s=10 * H, window_end_s=10 * H)]
    problem = make_problem([make_engineer()], jobs)
    unassigned = left_out(problem)["second"]
    assert unassigned.reason is ReasonCode.NO_CAPACITY
    suggestion = unassigned.suggestion
    assert suggestion.kind is SuggestionKind.OTHER_WINDOW
    assert suggestion.window_start_s == 9 * H
    moved = replace(jobs[1], window_start_s=9 * H, window_end_s=9 * H)
    assert resolved(make_problem([make_engineer()], [jobs[0], moved])).served == 2


def test_when_only_overtime_would_fit_it_the_minutes_are_suggested_and_work() -> None:
    jobs = [make_job("busy", priority=1, window_start_s=10 * H, window_end_s=10 * H,
                     duration_s=6 * H),
            make_job("late", priority=4, window_start_s=14 * H, window_end_s=16 * H)]
    unassigned = left_out(make_problem([make_engineer()], jobs))["late"]
    assert unassigned.reason is ReasonCode.NO_CAPACITY
    suggestion = unassigned.suggestion
    assert suggestion.kind is SuggestionKind.OVERTIME
    assert (suggestion.engineer_id, suggestion.overtime_s) == ("ann", 10 * M)
    longer = make_engineer(overtime_max_s=suggestion.overtime_s)
    assert resolved(make_problem([longer], jobs)).served == 2
