"""Stops taken out of a solved plan leave every route valid; a short part moves a job off an
engineer and the search goes on from the plan it had."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dispatch.optimizer.fieldday import FieldDayShape, field_day
from dispatch.optimizer.options import SearchOptions
from dispatch.optimizer.solver import solve
from dispatch.optimizer.validate import validate
from dispatch.planning.parts import PartSources, PartsPicture
from dispatch.planning.parts_fit import drop_stops, solve_with_parts
from dispatch.planning.snapshot import PlanningDay

OPTIONS = SearchOptions(time_limit_s=5, solution_limit=40, workers=1, seed=1)


def _problem():  # noqa: ANN202 - a Problem
    problem = field_day(FieldDayShape(jobs=40, engineers=4, seed=5))
    return replace(problem, jobs=[replace(j, allowed_engineers=None, pinned_engineer=None)
                                  for j in problem.jobs])


def test_dropping_first_middle_and_last_stops_keeps_every_route_valid() -> None:
    problem = _problem()
    solution = solve(problem, options=OPTIONS)
    assert validate(problem, solution) == []
    drop = set()
    for route in solution.routes:
        if len(route.stops) >= 3:
            drop |= {route.stops[0].job_id, route.stops[len(route.stops) // 2].job_id,
                     route.stops[-1].job_id}

    trimmed = drop_stops(problem, solution, drop)

    assert drop and not drop & {s.job_id for r in trimmed.routes for s in r.stops}
    assert validate(problem, trimmed) == []
    assert trimmed.served == solution.served - len(drop)


def test_two_jobs_wanting_one_van_unit_end_with_one_engineer_each_or_explained() -> None:
    problem = _problem()
    first = solve(problem, options=OPTIONS)
    busiest = max(first.routes, key=lambda r: len(r.stops))
    a, b = busiest.stops[0].job_id, busiest.stops[1].job_id
    keys = {e.id: n for n, e in enumerate(problem.engineers, 1)}
    jobs = {j.id: n for n, j in enumerate(problem.jobs, 100)}
    van_of = {n: 10 + n for n in keys.values()}
    picture = PartsPicture(needs={jobs[a]: {"M": 1}, jobs[b]: {"M": 1}},
                           sources={n: PartSources(van_of[n], None) for n in keys.values()},
                           stock={(van_of[keys[busiest.engineer_id]], "M"): 1})
    day = PlanningDay(problem, date(2026, 11, 23), "Asia/Shanghai", keys, jobs, parts=picture)

    day, solution = solve_with_parts(day, OPTIONS, lambda d, o, r: solve(d.problem, options=o, on_progress=r))

    holders = [solution.engineer_of(a), solution.engineer_of(b)]
    assert holders.count(busiest.engineer_id) <= 1
    assert [h for h in holders if h not in (None, busiest.engineer_id)] == []
    assert validate(day.problem, solution) == []
