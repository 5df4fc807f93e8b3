"""Large days as territories: every job and engineer in exactly one part, bound jobs with
their engineers, and the plan put back together still keeps every rule."""

from __future__ import annotations

from collections import Counter

import pytest

from dispatch.optimizer.explain import explain_unassigned
from dispatch.optimizer.fieldday import FieldDayShape, field_day
from dispatch.optimizer.partition import solve_parts, split
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.solution import Solution
from dispatch.optimizer.validate import validate
from tests.unit.optimizer.conftest import quick


@pytest.fixture(scope="module")
def big_day() -> Problem:
    return field_day(FieldDayShape(jobs=120, engineers=12, seed=4, pinned_share=0.05,
                                   parts_share=0.1))


def test_a_day_small_enough_is_one_part(big_day: Problem) -> None:
    assert split(big_day) == [big_day]


def test_every_job_and_engineer_lands_in_exactly_one_part(big_day: Problem) -> None:
    parts = split(big_day, max_jobs=40)
    assert len(parts) == 3
    assert Counter(j.id for p in parts for j in p.jobs) == Counter(j.id for j in big_day.jobs)
    assert sorted(e.id for p in parts for e in p.engineers) == sorted(e.id for e in big_day.engineers)
    assert [len(p.engineers) for p in parts] == [4, 4, 4]
    assert all(len(p.jobs) <= 40 * 1.15 + 1 for p in parts)


def test_pinned_and_restricted_jobs_stay_with_an_engineer_who_may_do_them(big_day: Problem) -> None:
    parts = split(big_day, max_jobs=40)
    bound = [j for j in big_day.jobs if j.must_engineer or j.allowed_engineers]
    assert bound, "the fixture day has pins and parts restrictions"
    for part in parts:
        engineers = {e.id for e in part.engineers}
        for job in part.jobs:
            if job.must_engineer:
                assert job.must_engineer in engineers
            if job.allowed_engineers:
                assert job.allowed_engineers & engineers


def test_territories_planned_in_turn_make_one_valid_plan(big_day: Problem) -> None:
    result = solve_parts(split(big_day, max_jobs=40), quick(time_limit_s=6, solution_limit=30))
    solution = Solution(result.routes, explain_unassigned(big_day, result.routes, result.dropped),
                        result.objective, result.stats)
    assert validate(big_day, solution) == []
    assert solution.served > 0
    assert solution.served + len(solution.unassigned) == len(big_day.jobs)
    assert result.stats.engine == "3 territories"
