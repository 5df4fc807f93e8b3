"""Two dispatchers publish two drafts of the same day at the same moment: one wins, the other
is told (409) that the day changed under it, and the day holds exactly the winner's plan."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from flask import Flask
from sqlalchemy import select

from core.auth import Role
from dispatch.planning.models import Plan, PlanDay, PlanState
from tests.support.dispatch import job, local, on_shift_engineer, plan
from tests.support.users import make_user
from workorders.orders.models import WorkOrderEvent


def test_concurrent_publishes_for_one_day_one_wins_the_other_gets_409(app: Flask) -> None:
    office = make_user(app, Role.DISPATCHER, "dana")
    other_office = make_user(app, Role.DISPATCHER, "dora")
    on_shift_engineer(app, name="Li Wei")
    on_shift_engineer(app, name="Wang Fang", home_lat=22.6)
    jobs = [job(app, lat=22.54 + 0.01 * n, start=local(9 + 2 * n)) for n in range(3)]
    drafts = [plan(app.test_client(), who.headers)["id"] for who in (office, other_office)]
    together = Barrier(2)

    def publish(pair: tuple[int, dict[str, str]]) -> int:
        plan_id, headers = pair
        client = app.test_client()
        together.wait(timeout=30)
        return client.post(f"/api/v1/plans/{plan_id}/publish", headers=headers).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(publish, zip(drafts, (office.headers, other_office.headers), strict=True)))

    assert sorted(statuses) == [200, 409]
    winner = drafts[statuses.index(200)]
    with app.extensions["fixroute"].session_factory() as session:
        states = dict(session.execute(select(Plan.id, Plan.state)).all())
        assert states == {winner: PlanState.PUBLISHED, drafts[statuses.index(409)]: PlanState.DRAFT}
        assert session.scalar(select(PlanDay.published_plan_id)) == winner
        assignments = session.scalars(select(WorkOrderEvent.work_order_id)
                                      .where(WorkOrderEvent.to_status == "assigned")).all()
        assert sorted(assignments) == sorted(jobs)  # each job assigned once, by the winner only


def test_the_same_draft_published_twice_at_once_is_published_once(app: Flask) -> None:
    office = make_user(app, Role.DISPATCHER, "dana")
    on_shift_engineer(app)
    work_order = job(app, start=local(10))
    draft = plan(app.test_client(), office.headers)["id"]
    together = Barrier(2)

    def publish(_: int) -> dict:
        client = app.test_client()
        together.wait(timeout=30)
        response = client.post(f"/api/v1/plans/{draft}/publish", headers=office.headers)
        assert response.status_code == 200
        return response.get_json()

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(publish, range(2)))

    assert sorted(a["already_published"] for a in answers) == [False, True]
    with app.extensions["fixroute"].session_factory() as session:
        assigned = session.scalars(select(WorkOrderEvent.work_order_id)
                                   .where(WorkOrderEvent.to_status == "assigned")).all()
        assert assigned == [work_order]
