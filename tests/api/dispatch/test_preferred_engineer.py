"""A repeat repair goes preferably to the engineer who did the first one (else to one of the
highest level in its skills): the day's problem carries that as the job's preferred engineer,
and the optimizer honours it when it costs little."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from core.clock import FixedClock
from dispatch.planning.builder import DayRequest, build_day
from dispatch.planning.parts import LedgerParts
from tests.support.dispatch import DAY, job, local, on_shift_engineer, plan, routed
from tests.support.users import LoggedIn
from tests.support.workorders import make_asset, make_completed_visit, make_work_order
from workorders.orders.models import RequiredSkill


def _repeat_of_a_visit_by(app: Flask, engineer_id: int, office: LoggedIn, clock: FixedClock) -> int:
    asset = make_asset(app)
    first = make_completed_visit(app, asset, engineer_id, clock.now() - timedelta(days=10), office.user_id)
    return make_work_order(app, asset_id=asset, window_start=local(10), window_end=local(12), parts_needed=[],
                           required_skills=[RequiredSkill(skill="locks", min_level=1)],
                           repeat_of_work_order_id=first)


def _preferred(app: Flask, work_order_id: int) -> str | None:
    with app.extensions["fixroute"].unit_of_work() as uow:
        day = build_day(uow, DayRequest(DAY), LedgerParts())
    number = {v: k for k, v in day.work_order_ids.items()}[work_order_id]
    return day.problem.job(number).preferred_engineer


def test_a_repeat_repair_prefers_the_engineer_of_the_first_repair(
        app: Flask, client: FlaskClient, office: LoggedIn, clock: FixedClock) -> None:
    first_engineer = on_shift_engineer(app, name="Li Wei", skills={"locks": 1})
    senior = on_shift_engineer(app, name="Zhang Min", skills={"locks": 3})
    repeat = _repeat_of_a_visit_by(app, first_engineer, office, clock)
    ordinary = job(app, start=local(14))

    assert _preferred(app, repeat) == f"Li Wei #{first_engineer}"
    assert _preferred(app, ordinary) is None
    body = plan(client, office.headers)
    assert routed(body)[repeat] == first_engineer != senior


def test_when_the_first_engineer_is_off_the_most_senior_one_is_preferred(
        app: Flask, office: LoggedIn, clock: FixedClock) -> None:
    off_today = on_shift_engineer(app, name="Li Wei", skills={"locks": 3}, weekly={})
    on_shift_engineer(app, name="Chen Jie", skills={"locks": 1})
    senior = on_shift_engineer(app, name="Zhang Min", skills={"locks": 3})
    repeat = _repeat_of_a_visit_by(app, off_today, office, clock)

    assert _preferred(app, repeat) == f"Zhang Min #{senior}"
