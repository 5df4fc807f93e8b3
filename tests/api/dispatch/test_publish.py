"""Publishing: work orders assigned, the previous plan superseded, customers told only of
changes, and the diff; publishing twice changes nothing."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from core.auth import Role
from notifications.models import CustomerNotice
from tests.support.dispatch import job, local, on_shift_engineer, plan, routed
from tests.support.users import LoggedIn, make_user


def _publish(client: FlaskClient, office: LoggedIn, plan_id: int) -> dict:
    response = client.post(f"/api/v1/plans/{plan_id}/publish", headers=office.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _notices(app: Flask) -> list[tuple[int, int | None]]:
    with app.extensions["fixroute"].session_factory() as session:
        return [(n.work_order_id, n.engineer_id) for n in session.scalars(
            select(CustomerNotice).order_by(CustomerNotice.id))]


def test_publishing_assigns_the_work_orders_with_planned_times_and_tells_each_customer_once(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    li = on_shift_engineer(app, name="Li Wei")
    jobs = [job(app, lat=22.54 + 0.01 * n, start=local(9 + 2 * n)) for n in range(3)]
    body = plan(client, office.headers)
    assert body["diff"]["added"] and len(body["diff"]["added"]) == 3

    published = _publish(client, office, body["id"])

    assert published["already_published"] is False
    assert sorted(m["work_order_id"] for m in published["diff"]["added"]) == sorted(jobs)
    assert published["notices"] == 3
    stops = {s["work_order_id"]: s for s in body["routes"][0]["stops"]}
    for work_order_id in jobs:
        work_order = client.get(f"/api/v1/work-orders/{work_order_id}", headers=office.headers).get_json()
        assert work_order["status"] == "assigned" and work_order["engineer_id"] == li
        assert work_order["planned_start"].replace("+00:00", "Z")[:16] == \
            stops[work_order_id]["start_at"].replace("+00:00", "Z")[:16]
    assert sorted(n[0] for n in _notices(app)) == sorted(jobs)


def test_publishing_twice_is_a_no_op(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    on_shift_engineer(app)
    job(app, start=local(10))
    body = plan(client, office.headers)
    _publish(client, office, body["id"])
    events_before = _event_count(app)

    again = _publish(client, office, body["id"])

    assert again["already_published"] is True
    assert again["diff"] == {"added": [], "moved": [], "removed": [], "unchanged": 0}
    assert _event_count(app) == events_before
    assert len(_notices(app)) == 1


def _event_count(app: Flask) -> int:
    from workorders.orders.models import WorkOrderEvent

    with app.extensions["fixroute"].session_factory() as session:
        return session.scalar(select(func.count()).select_from(WorkOrderEvent))


def test_a_second_plan_supersedes_the_first_and_only_changed_customers_hear_again(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    li = on_shift_engineer(app, name="Li Wei")
    first_job = job(app, start=local(10))
    first = plan(client, office.headers)
    _publish(client, office, first["id"])
    wang = on_shift_engineer(app, name="Wang Fang", skills={"hvac": 2}, home_lat=22.6)
    hvac_job = job(app, skill="hvac", lat=22.6, start=local(10))

    second = plan(client, office.headers)
    assert [m["work_order_id"] for m in second["diff"]["added"]] == [hvac_job]
    published = _publish(client, office, second["id"])

    assert routed(second) == {first_job: li, hvac_job: wang}
    earlier = client.get(f"/api/v1/plans/{first['id']}", headers=office.headers).get_json()
    assert earlier["state"] == "superseded"
    assert published["notices"] == 1
    assert _notices(app) == [(first_job, li), (hvac_job, wang)]


def test_a_superseded_draft_cannot_be_published_and_nothing_changes(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    on_shift_engineer(app)
    job(app, start=local(10))
    draft_a = plan(client, office.headers)
    draft_b = plan(client, office.headers)
    _publish(client, office, draft_a["id"])

    refused = client.post(f"/api/v1/plans/{draft_b['id']}/publish", headers=office.headers)

    assert refused.status_code == 409
    assert refused.get_json()["code"] == "plan-outdated"
    assert client.get(f"/api/v1/plans/{draft_b['id']}", headers=office.headers).get_json()["state"] == "draft"


def test_an_engineer_sees_the_published_route_in_planned_order(app: Flask, client: FlaskClient,
                                                                office: LoggedIn) -> None:
    li = on_shift_engineer(app)
    late, early = job(app, start=local(15)), job(app, lat=22.55, start=local(9))
    body = plan(client, office.headers)
    _publish(client, office, body["id"])
    engineer = make_user(app, Role.ENGINEER, "li", engineer_id=li)

    route = client.get("/api/v1/me/route?date=2026-11-23", headers=engineer.headers).get_json()

    assert [w["id"] for w in route] == [early, late]
    assert all(w["planned_start"] and w["planned_end"] for w in route)
    mine = client.get("/api/v1/me/plan?date=2026-11-23", headers=engineer.headers).get_json()
    assert mine["plan_id"] == body["id"]
    assert [s["work_order_id"] for s in mine["route"]["stops"]] == [early, late]
    assert all(s["arrival_at"] <= s["start_at"] for s in mine["route"]["stops"])
    assert mine["route"]["break_start_at"] is not None
    other = make_user(app, Role.ENGINEER, "wang", engineer_id=on_shift_engineer(app, name="Wang"))
    assert client.get("/api/v1/me/plan?date=2026-11-23", headers=other.headers).get_json()["route"] is None


def test_only_the_office_plans(app: Flask, client: FlaskClient) -> None:
    engineer = make_user(app, Role.ENGINEER, "li", engineer_id=on_shift_engineer(app))
    response = client.post("/api/v1/plans", json={"date": "2026-11-23"}, headers=engineer.headers)
    assert response.status_code == 403


def test_a_plan_is_not_published_once_its_jobs_or_engineers_changed(app: Flask, client: FlaskClient,
                                                                      office: LoggedIn) -> None:
    li = on_shift_engineer(app)
    work_order = job(app, start=local(10))
    draft = plan(client, office.headers)
    etag = client.get(f"/api/v1/work-orders/{work_order}", headers=office.headers).headers["ETag"]
    changed = client.patch(f"/api/v1/work-orders/{work_order}", json={"estimated_duration_s": 5400},
                           headers={**office.headers, "If-Match": etag})
    assert changed.status_code == 200, changed.get_json()

    refused = client.post(f"/api/v1/plans/{draft['id']}/publish", headers=office.headers)

    assert refused.status_code == 409 and refused.get_json()["code"] == "plan-outdated"
    fresh = plan(client, office.headers)
    engineer_etag = client.get(f"/api/v1/engineers/{li}", headers=office.headers).headers["ETag"]
    client.patch(f"/api/v1/engineers/{li}", json={"active": False}, headers={**office.headers,
                                                                            "If-Match": engineer_etag})
    gone = client.post(f"/api/v1/plans/{fresh['id']}/publish", headers=office.headers)
    assert gone.status_code == 409 and gone.get_json()["engineer_ids"] == [li]
    status = client.get(f"/api/v1/work-orders/{work_order}", headers=office.headers).get_json()["status"]
    assert status == "scheduled"


def test_publishing_tells_the_notices_through_plan_published_and_an_unchanged_plan_queues_nothing(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    from dispatch import PlanPublished
    from notifications.models import NoticeStatus

    heard: list[PlanPublished] = []
    app.extensions["fixroute"].bus.subscribe(PlanPublished, lambda _uow, event: heard.append(event))
    li = on_shift_engineer(app, name="Li Wei")
    work_order = job(app, start=local(10))
    first = plan(client, office.headers)

    assert _publish(client, office, first["id"])["notices"] == 1

    [event] = heard
    [visit] = event.visits
    assert (event.plan_id, event.timezone) == (first["id"], "Asia/Shanghai")
    assert (visit.work_order_id, visit.engineer_id, visit.engineer_name) == (work_order, li, "Li Wei")
    assert (visit.window_start, visit.window_end) == (local(10), local(12))
    with app.extensions["fixroute"].session_factory() as session:
        notice = session.scalars(select(CustomerNotice)).one()
        assert (notice.plan_id, notice.customer_id, notice.status) == (first["id"], visit.customer_id,
                                                                       NoticeStatus.PENDING)
        assert notice.message.endswith("Li Wei will come on 2026-11-23 between 10:00 and 12:00.")

    again = plan(client, office.headers)  # the same day again: same engineer, same window

    assert _publish(client, office, again["id"])["notices"] == 0
    assert [v.engineer_id for v in heard[1].visits] == [li]  # told of the visit; nothing new for the customer
    assert _notices(app) == [(work_order, li)]
