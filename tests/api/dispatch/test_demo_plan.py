"""The demo company's tomorrow plans, publishes and shows through the API, every route valid."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from demo.seed import seed_demo
from dispatch.planning.models import Plan
from dispatch.planning.validation import plan_violations
from tests.support.dispatch import plan

TOMORROW = date(2026, 11, 24)  # the test clock's tomorrow, a Tuesday


def _login(client: FlaskClient, username: str, password: str) -> dict[str, str]:
    token = client.post("/api/v1/auth/login", json={"username": username, "password": password}).json["token"]
    return {"Authorization": f"Bearer {token}"}


def test_the_demo_day_is_planned_published_and_each_engineer_sees_their_route(
        app: Flask, client: FlaskClient) -> None:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        seed_demo(uow, rt.hasher, TOMORROW, customer_count=80, request_count=60)
    office = _login(client, "dispatcher", "dispatch-demo-1")
    scheduled = client.get(f"/api/v1/work-orders?date={TOMORROW}&status=scheduled&per_page=100",
                           headers=office).json

    body = plan(client, office, day=TOMORROW, time_limit_s=3)
    published = client.post(f"/api/v1/plans/{body['id']}/publish", headers=office)

    assert published.status_code == 200, str(published.json)
    assert body["totals"]["jobs"] == len(scheduled)
    assert body["totals"]["served"] + body["totals"]["unassigned"] == len(scheduled)
    assert body["totals"]["served"] >= 0.8 * len(scheduled)
    with rt.session_factory() as session:
        assert plan_violations(session.get(Plan, body["id"])) == []
    assigned = client.get(f"/api/v1/work-orders?date={TOMORROW}&status=assigned&per_page=100",
                          headers=office).json
    assert len(assigned) == body["totals"]["served"]
    route = next(r for r in body["routes"] if r["stops"])
    engineer_number = route["engineer_id"]  # demo engineers are eng01.. in creation order
    mine = client.get(f"/api/v1/me/route?date={TOMORROW}",
                      headers=_login(client, f"eng{engineer_number:02d}", "engineer-demo-1")).json
    assert [w["id"] for w in mine] == [s["work_order_id"] for s in route["stops"]]
    assert [w["planned_start"][:16] for w in mine] == [s["start_at"][:16] for s in route["stops"]]
