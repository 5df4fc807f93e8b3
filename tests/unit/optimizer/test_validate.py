"""The validator catches each kind of broken rule, and passes a plan that keeps them all.

One tiny named day: Ann (locks level 2) from home (0) does job A (site 1, 09:00–11:00)
and job B (site 2, 13:00–15:00) with lunch 12:00–12:30; Bob (hvac) stays home; job C
is left out. Each test breaks one thing in the problem or the plan.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dispatch.optimizer.problem import BreakWindow, Engineer, Job, Problem
from dispatch.optimizer.solution import ReasonCode, Route, Solution, Stop, UnassignedJob
from dispatch.optimizer.validate import Violation, validate

H, M = 3600, 60
TRAVEL_S = [[0, 600, 900], [600, 0, 600], [900, 600, 0]]
DISTANCE_M = [[10 * t for t in row] for row in TRAVEL_S]
LUNCH = BreakWindow(11 * H + 30 * M, 13 * H + 30 * M, 30 * M)


def make_engineer(**overrides) -> Engineer:
    fields = dict(id="ann", start_location=0, end_location=0, shift_start_s=8 * H,
                  shift_end_s=17 * H, skills={"locks": 2}, lunch=LUNCH)
    return Engineer(**(fields | overrides))


def make_job(**overrides) -> Job:
    fields = dict(id="A", location=1, window_start_s=9 * H, window_end_s=11 * H,
                  duration_s=60 * M, skills={"locks": 1})
    return Job(**(fields | overrides))


def make_problem(ann: dict | None = None, a: dict | None = None, b: dict | None = None,
                 **overrides) -> Problem:
    engineers = [make_engineer(**(ann or {})),
                 make_engineer(id="bob", skills={"hvac": 1})]
    jobs = [
        make_job(**(a or {})),
        make_job(**({"id": "B", "location": 2, "window_start_s": 13 * H,
                     "window_end_s": 15 * H, "skills": {"locks": 2}} | (b or {}))),
        make_job(id="C", skills={"electrical": 1}),
    ]
    fields = dict(engineers=engineers, jobs=jobs, travel_s=TRAVEL_S, distance_m=DISTANCE_M)
    return Problem(**(fields | overrides))


def make_route(**overrides) -> Route:
    stops = (
        Stop("A", arrival_s=9 * H, start_s=9 * H, end_s=10 * H, travel_s=600, distance_m=6000),
        Stop("B", arrival_s=10 * H + 10 * M, start_s=13 * H, end_s=14 * H, travel_s=600,
             distance_m=6000),
    )
    fields = dict(engineer_id="ann", stops=stops, departure_s=8 * H + 50 * M,
                  return_s=14 * H + 15 * M, return_travel_s=900, return_distance_m=9000,
                  break_start_s=12 * H, break_end_s=12 * H + 30 * M)
    return Route(**(fields | overrides))


def make_solution(*routes: Route, unassigned: tuple[str, ...] = ("C",)) -> Solution:
    left_out = tuple(UnassignedJob(j, ReasonCode.NO_SKILLED_ENGINEER) for j in unassigned)
    return Solution(routes=routes or (make_route(),), unassigned=left_out)


def with_stop(index: int, **changes) -> Route:
    stops = list(make_route().stops)
    stops[index] = replace(stops[index], **changes)
    return make_route(stops=tuple(stops))


def codes(violations: list[Violation]) -> set[str]:
    return {v.code for v in violations}


def test_a_plan_keeping_every_rule_passes():
    assert validate(make_problem(), make_solution()) == []


def test_a_day_over_before_lunch_needs_no_break():
    problem = make_problem(b={"window_start_s": 10 * H + 10 * M, "window_end_s": 11 * H})
    early = with_stop(1, start_s=10 * H + 10 * M, end_s=11 * H + 10 * M)
    early = replace(early, return_s=11 * H + 25 * M, break_start_s=None, break_end_s=None)
    assert validate(problem, make_solution(early)) == []


@pytest.mark.parametrize(
    ("problem", "solution", "code"),
    [
        pytest.param(make_problem(), make_solution(unassigned=("C", "Z")), "unknown-job",
                     id="unknown-job"),
        pytest.param(make_problem(), make_solution(unassigned=("C", "A")), "job-repeated",
                     id="routed-and-unassigned"),
        pytest.param(make_problem(), make_solution(make_route(stops=make_route().stops * 2)),
                     "job-repeated", id="routed-twice"),
        pytest.param(make_problem(), make_solution(unassigned=()), "job-missing",
                     id="job-missing"),
        pytest.param(make_problem(), make_solution(make_route(), make_route(stops=())),
                     "route-repeated", id="two-routes-one-engineer"),
        pytest.param(make_problem(), make_solution(make_route(engineer_id="eve")),
                     "unknown-engineer", id="unknown-engineer"),
        pytest.param(make_problem(ann={"shift_start_s": 9 * H}), make_solution(),
                     "shift-start", id="leaves-before-shift"),
        pytest.param(make_problem(ann={"free_from_s": 9 * H}), make_solution(),
                     "shift-start", id="leaves-before-free-in-replan"),
        pytest.param(make_problem(ann={"shift_end_s": 14 * H}), make_solution(),
                     "shift-end", id="back-after-shift"),
        pytest.param(make_problem(), make_solution(with_stop(0, travel_s=500)), "travel",
                     id="leg-differs-from-matrix"),
        pytest.param(make_problem(), make_solution(make_route(departure_s=8 * H + 55 * M)),
                     "travel", id="arrives-sooner-than-the-drive"),
        pytest.param(make_problem(), make_solution(make_route(return_s=14 * H + 5 * M)),
                     "travel", id="back-sooner-than-the-drive"),
        pytest.param(make_problem(ann={"lunch": BreakWindow(10 * H, 13 * H, 30 * M)}),
                     make_solution(make_route(
                         stops=(make_route().stops[0],
                                replace(make_route().stops[1], arrival_s=10 * H + 35 * M)),
                         break_start_s=10 * H, break_end_s=10 * H + 30 * M)),
                     "travel", id="arrival-ignores-the-break-on-the-way"),
        pytest.param(make_problem(), make_solution(with_stop(0, end_s=9 * H + 30 * M)),
                     "stop-times", id="job-shorter-than-its-duration"),
        pytest.param(make_problem(), make_solution(with_stop(0, start_s=8 * H + 59 * M,
                                                             end_s=9 * H + 59 * M)),
                     "stop-times", id="starts-before-arrival"),
        pytest.param(make_problem(b={"window_start_s": 11 * H, "window_end_s": 12 * H + 30 * M}),
                     make_solution(), "window", id="starts-after-window"),
        pytest.param(make_problem(now_s=9 * H + 30 * M), make_solution(), "before-now",
                     id="replan-starts-in-the-past"),
        pytest.param(make_problem(b={"skills": {"locks": 3}}), make_solution(), "skill",
                     id="level-too-low"),
        pytest.param(make_problem(a={"skills": {"hvac": 1}}), make_solution(), "skill",
                     id="skill-missing"),
        pytest.param(make_problem(a={"allowed_engineers": frozenset({"bob"})}),
                     make_solution(), "parts", id="parts-not-in-van"),
        pytest.param(make_problem(a={"pinned_engineer": "bob"}), make_solution(),
                     "pin-engineer", id="pinned-engineer-ignored"),
        pytest.param(make_problem(a={"pinned_start_s": 9 * H + 30 * M}), make_solution(),
                     "pin-start", id="pinned-start-ignored"),
        pytest.param(make_problem(a={"fixed_engineer": "bob"}), make_solution(),
                     "fixed-moved", id="fixed-job-moved-engineer"),
        pytest.param(make_problem(a={"fixed_engineer": "ann", "started_s": 8 * H + 55 * M}),
                     make_solution(), "fixed-moved", id="started-job-moved-in-time"),
        pytest.param(make_problem(a={"fixed_engineer": "ann"}),
                     make_solution(make_route(engineer_id="bob", stops=()),
                                   unassigned=("A", "B", "C")),
                     "fixed-moved", id="fixed-job-left-out"),
        pytest.param(make_problem(ann={"capacity": 3}, a={"demand": 2}, b={"demand": 2},
                                  use_capacity=True),
                     make_solution(), "capacity", id="over-capacity"),
        pytest.param(make_problem(ann={"max_travel_s": 2000}), make_solution(), "max-travel",
                     id="drives-too-long"),
        pytest.param(make_problem(ann={"max_distance_m": 20000}), make_solution(),
                     "max-travel", id="drives-too-far"),
        pytest.param(make_problem(), make_solution(make_route(break_start_s=None,
                                                              break_end_s=None)),
                     "break-missing", id="no-break"),
        pytest.param(make_problem(), make_solution(make_route(break_end_s=12 * H + 20 * M)),
                     "break-length", id="break-too-short"),
        pytest.param(make_problem(), make_solution(make_route(break_start_s=13 * H + 10 * M,
                                                              break_end_s=13 * H + 40 * M)),
                     "break-window", id="break-outside-window"),
        pytest.param(make_problem(b={"window_start_s": 11 * H}),
                     make_solution(make_route(stops=(
                         make_route().stops[0],
                         replace(make_route().stops[1], start_s=11 * H + 45 * M,
                                 end_s=12 * H + 45 * M)),
                         return_s=13 * H + 15 * M)),
                     "break-overlap", id="break-during-a-job"),
        pytest.param(make_problem(b={"window_start_s": 12 * H}),
                     make_solution(make_route(stops=(
                         Stop("A", arrival_s=9 * H, start_s=11 * H, end_s=12 * H,
                              travel_s=600, distance_m=6000),
                         Stop("B", arrival_s=12 * H + 10 * M, start_s=12 * H + 35 * M,
                              end_s=13 * H + 35 * M, travel_s=600, distance_m=6000)),
                         return_s=13 * H + 50 * M)),
                     "break-overlap", id="break-leaves-no-time-to-drive"),
    ],
)
def test_each_broken_rule_is_caught(problem, solution, code):
    assert code in codes(validate(problem, solution))


def test_messages_name_the_job_and_the_times():
    problem = make_problem(b={"window_start_s": 11 * H, "window_end_s": 12 * H + 30 * M})
    [violation] = validate(problem, make_solution())
    assert violation.code == "window"
    assert violation.message == "B starts at 13:00, outside its window 11:00-12:30"


def test_breaks_can_be_left_unchecked_for_solvers_that_cannot_plan_them():
    no_break = make_route(break_start_s=None, break_end_s=None)
    assert validate(make_problem(), make_solution(no_break), check_breaks=False) == []
