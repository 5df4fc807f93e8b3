"""Re-planning today from where everyone is: started jobs stay, an absent engineer's open jobs
move or are explained one by one, completed ones drop out."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from core.clock import FixedClock
from tests.support.dispatch import job, local, on_shift_engineer, plan, reasons, routed
from tests.support.users import LoggedIn, make_user


def _publish(client: FlaskClient, office: LoggedIn, plan_id: int) -> dict:
    response = client.post(f"/api/v1/plans/{plan_id}/publish", headers=office.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _move(client: FlaskClient, who: LoggedIn, work_order_id: int, to: str) -> None:
    response = client.post(f"/api/v1/work-orders/{work_order_id}/transitions", json={"to": to},
                           headers=who.headers)
    assert response.status_code == 200, response.get_json()


def _status(client: FlaskClient, office: LoggedIn, work_order_id: int) -> tuple[str, int | None]:
    body = client.get(f"/api/v1/work-orders/{work_order_id}", headers=office.headers).get_json()
    return body["status"], body["engineer_id"]


def _morning(app: Flask, client: FlaskClient, office: LoggedIn, clock: FixedClock) -> dict:
    """Li is on site at the first job since 09:10 with two more jobs today; Wang has one."""
    li = on_shift_engineer(app, name="Li Wei", home_lat=22.54, home_lon=114.05)
    wang = on_shift_engineer(app, name="Wang Fang", home_lat=22.56, home_lon=114.07)
    first, later, last = job(app, start=local(9)), job(app, lat=22.55, start=local(14)), \
        job(app, lat=22.545, start=local(15, 30), hours=1)
    wangs = job(app, lat=22.57, lon=114.08, start=local(10))
    draft = plan(client, office.headers)
    for work_order_id, engineer_id in ((first, li), (later, li), (last, li), (wangs, wang)):
        client.post(f"/api/v1/plans/{draft['id']}/pins", json={"work_order_id": work_order_id,
                                                                "engineer_id": engineer_id},
                    headers=office.headers)
    published = plan(client, office.headers)
    assert routed(published) == {first: li, later: li, last: li, wangs: wang}
    _publish(client, office, published["id"])
    for work_order_id in (first, later, last, wangs):
        client.delete(f"/api/v1/plans/{published['id']}/pins/{work_order_id}", headers=office.headers)
    li_user = make_user(app, Role.ENGINEER, "li", engineer_id=li)
    clock.current = local(9, 0)
    _move(client, li_user, first, "en_route")
    clock.current = local(9, 10)
    _move(client, li_user, first, "on_site")
    return {"li": li, "wang": wang, "first": first, "later": later, "last": last, "wangs": wangs}


def test_an_unavailable_engineers_open_jobs_move_and_a_started_job_stays(
        app: Flask, client: FlaskClient, office: LoggedIn, clock: FixedClock) -> None:
    day = _morning(app, client, office, clock)
    clock.current = local(9, 50)  # (test tokens last an hour from 09:00)

    body = plan(client, office.headers, path="/api/v1/plans/replan",
                now="2026-11-23T01:50:00Z", unavailable_engineers=[day["li"]])

    assert body["kind"] == "replan" and body["state"] == "draft"
    placed, explained = routed(body), reasons(body)
    assert day["first"] not in placed and day["first"] not in explained  # under way: stays Li's
    for open_job in (day["later"], day["last"]):
        assert placed.get(open_job) == day["wang"] or open_job in explained
    assert placed[day["wangs"]] == day["wang"]
    for stop in (s for r in body["routes"] for s in r["stops"]):
        assert stop["start_at"] >= "2026-11-23T01:50:00"
    diff = body["diff"]
    moved = {m["work_order_id"] for m in diff["moved"]} | {m["work_order_id"] for m in diff["removed"]}
    assert {day["later"], day["last"]} <= moved

    _publish(client, office, body["id"])

    assert _status(client, office, day["first"]) == ("on_site", day["li"])
    for open_job in (day["later"], day["last"]):
        assert _status(client, office, open_job) in {("assigned", day["wang"]), ("scheduled", None)}


def test_a_replan_keeps_the_job_under_way_fixed_and_plans_the_rest_from_now(
        app: Flask, client: FlaskClient, office: LoggedIn, clock: FixedClock) -> None:
    day = _morning(app, client, office, clock)
    urgent = job(app, lat=22.541, start=local(11), priority=1)

    body = plan(client, office.headers, path="/api/v1/plans/replan", now="2026-11-23T01:50:00Z")

    li_route = next(r for r in body["routes"] if r["engineer_id"] == day["li"])
    first_stop = li_route["stops"][0]
    assert first_stop["work_order_id"] == day["first"] and first_stop["fixed"] is True
    assert first_stop["start_at"].startswith("2026-11-23T01:10:00")
    assert urgent in routed(body)
    assert all(s["start_at"] >= "2026-11-23T01:50:00" for r in body["routes"] for s in r["stops"]
               if not s["fixed"])
    _publish(client, office, body["id"])
    assert _status(client, office, day["first"]) == ("on_site", day["li"])


def test_a_completed_job_drops_out_and_its_engineer_leaves_from_that_site(
        app: Flask, client: FlaskClient, office: LoggedIn, clock: FixedClock) -> None:
    day = _morning(app, client, office, clock)
    with app.extensions["fixroute"].session_factory() as session:
        from workorders import Status
        from workorders.orders.models import WorkOrder

        session.get(WorkOrder, day["first"]).status = Status.COMPLETED
        session.commit()

    body = plan(client, office.headers, path="/api/v1/plans/replan", now="2026-11-23T01:55:00Z")

    assert day["first"] not in routed(body) and day["first"] not in reasons(body)
    assert routed(body)[day["later"]] in (day["li"], day["wang"])


def test_unknown_unavailable_engineers_are_refused(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    body = {"date": "2026-11-23", "now": "2026-11-23T03:00:00Z", "unavailable_engineers": [4242]}
    response = client.post("/api/v1/plans/replan", json=body, headers=office.headers)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "unavailable_engineers"


def test_a_replan_now_outside_its_day_is_refused(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    body = {"date": "2026-11-23", "now": "2026-11-23T20:00:00Z"}  # 04:00 on the 24th in Shanghai
    response = client.post("/api/v1/plans/replan", json=body, headers=office.headers)
    assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "now"
