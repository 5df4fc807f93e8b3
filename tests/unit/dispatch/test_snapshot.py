"""A plan's problem is stored and read back unchanged, so the validator sees what was solved."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dispatch.optimizer.fieldday import FieldDayShape, field_day
from dispatch.optimizer.problem import Job
from dispatch.planning.snapshot import LeftOut, PlanningDay, dump, load, seconds_from_midnight


def test_a_field_day_survives_the_round_trip() -> None:
    problem = field_day(FieldDayShape(jobs=30, engineers=4, seed=3))
    jobs = list(problem.jobs)
    jobs[0] = Job(**{**jobs[0].__dict__, "promised_window": (36000, 43200), "fixed_engineer": None})
    day = PlanningDay(problem=type(problem)(problem.engineers, jobs, problem.travel_s, problem.distance_m,
                                            now_s=40000),
                      service_date=date(2026, 11, 23), timezone="Asia/Shanghai",
                      engineer_ids={e.id: n for n, e in enumerate(problem.engineers, 1)},
                      work_order_ids={j.id: n for n, j in enumerate(problem.jobs, 100)},
                      left_out=(LeftOut(5, "pinned-conflict", "off"),), fixed_keys=frozenset({jobs[1].id}))

    again = load(*dump(day))

    assert again.problem.engineers == day.problem.engineers
    assert again.problem.jobs == day.problem.jobs
    assert (again.problem.travel_s == day.problem.travel_s).all()
    assert (again.problem.distance_m == day.problem.distance_m).all()
    assert again.problem.now_s == 40000
    assert (again.engineer_ids, again.work_order_ids, again.left_out, again.fixed_keys) == \
        (day.engineer_ids, day.work_order_ids, day.left_out, day.fixed_keys)


def test_seconds_count_from_the_local_midnight() -> None:
    assert seconds_from_midnight(datetime(2026, 11, 23, 1, 0, tzinfo=UTC), date(2026, 11, 23),
                                 "Asia/Shanghai") == 9 * 3600
