"""Pins hold across re-runs (or are reported as conflicts); runs can be cancelled; bad input is 422."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from core.clock import FixedClock
from tests.support.dispatch import job, local, on_shift_engineer, plan, reasons, routed
from tests.support.users import LoggedIn, make_user


def _pin(client: FlaskClient, office: LoggedIn, plan_id: int, **body: object) -> dict:
    response = client.post(f"/api/v1/plans/{plan_id}/pins", json=body, headers=office.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_pin_is_kept_by_every_re_run_of_the_day(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    near = on_shift_engineer(app, name="Near", home_lat=22.541, home_lon=114.051)
    far = on_shift_engineer(app, name="Far", home_lat=22.6, home_lon=114.1)
    pinned = job(app, start=local(10))
    first = plan(client, office.headers)
    assert routed(first) == {pinned: near}

    _pin(client, office, first["id"], work_order_id=pinned, engineer_id=far, start_at="2026-11-23T03:30:00Z")
    second = plan(client, office.headers)
    third = plan(client, office.headers)

    for body in (second, third):
        assert routed(body) == {pinned: far}
        assert body["routes"][0]["stops"][0]["start_at"].startswith("2026-11-23T03:30:00")
    pins = client.get(f"/api/v1/plans/{third['id']}/pins", headers=office.headers).get_json()
    assert [(p["work_order_id"], p["engineer_id"]) for p in pins] == [(pinned, far)]


def test_a_pin_that_cannot_hold_is_a_pinned_conflict(app: Flask, client: FlaskClient,
                                                     office: LoggedIn) -> None:
    locksmith = on_shift_engineer(app, name="Locksmith")
    electrician = on_shift_engineer(app, name="Electrician", skills={"electrical": 2})
    off_today = on_shift_engineer(app, name="Off", weekly={})
    wrong_skill, absent = job(app, start=local(10)), job(app, lat=22.55, start=local(14))
    draft = plan(client, office.headers)
    _pin(client, office, draft["id"], work_order_id=wrong_skill, engineer_id=electrician)
    _pin(client, office, draft["id"], work_order_id=absent, engineer_id=off_today)

    body = plan(client, office.headers)

    assert reasons(body) == {wrong_skill: "pinned-conflict", absent: "pinned-conflict"}
    explained = {u["work_order_id"]: u for u in body["unassigned"]}
    assert "not working" in explained[absent]["detail"]
    assert explained[wrong_skill]["suggestion"]["engineer_id"] == locksmith


def test_a_pin_is_removed_and_the_next_run_is_free_again(app: Flask, client: FlaskClient,
                                                         office: LoggedIn) -> None:
    near = on_shift_engineer(app, name="Near", home_lat=22.541, home_lon=114.051)
    far = on_shift_engineer(app, name="Far", home_lat=22.6, home_lon=114.1)
    pinned = job(app, start=local(10))
    draft = plan(client, office.headers)
    _pin(client, office, draft["id"], work_order_id=pinned, engineer_id=far)

    path = f"/api/v1/plans/{draft['id']}/pins/{pinned}"
    assert client.delete(path, headers=office.headers).status_code == 204
    assert client.delete(path, headers=office.headers).status_code == 404
    assert routed(plan(client, office.headers)) == {pinned: near}


def test_pins_refuse_jobs_of_other_days_and_unknown_engineers(app: Flask, client: FlaskClient,
                                                              office: LoggedIn) -> None:
    on_shift_engineer(app)
    other_day = job(app, start=local(10, day=date(2026, 11, 24)))
    draft = plan(client, office.headers)

    response = client.post(f"/api/v1/plans/{draft['id']}/pins",
                           json={"work_order_id": other_day, "engineer_id": 999}, headers=office.headers)

    assert response.status_code == 422
    assert {e["field"] for e in response.get_json()["errors"]} == {"work_order_id", "engineer_id"}


def test_a_finished_run_cannot_be_cancelled_and_a_queued_one_can(app: Flask, client: FlaskClient,
                                                                  office: LoggedIn) -> None:
    on_shift_engineer(app)
    job(app, start=local(10))
    done = plan(client, office.headers)
    refused = client.post(f"/api/v1/plans/{done['id']}/cancel", headers=office.headers)
    assert refused.status_code == 409 and refused.get_json()["code"] == "plan-finished"

    app.extensions["fixroute_plan_runner"], runner = _Holding(), app.extensions["fixroute_plan_runner"]
    queued = client.post("/api/v1/plans", json={"date": "2026-11-23"}, headers=office.headers).get_json()
    cancelled = client.post(f"/api/v1/plans/{queued['id']}/cancel", headers=office.headers)
    runner.submit(queued["id"])  # a worker that picks it up late finds it cancelled and does nothing

    assert cancelled.status_code == 200 and cancelled.get_json()["run_status"] == "cancelled"
    body = client.get(f"/api/v1/plans/{queued['id']}", headers=office.headers).get_json()
    assert body["run_status"] == "cancelled" and body["routes"] == []
    publish = client.post(f"/api/v1/plans/{queued['id']}/publish", headers=office.headers)
    assert publish.status_code == 409 and publish.get_json()["code"] == "plan-not-ready"


class _Holding:
    """A runner that accepts work and never starts it: the plan stays queued."""

    def submit(self, plan_id: int) -> None:
        self.plan_id = plan_id


def test_a_time_limit_out_of_range_is_refused(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    response = client.post("/api/v1/plans", json={"date": "2026-11-23", "time_limit_s": 0},
                           headers=office.headers)
    assert response.status_code == 422
    unknown = client.post("/api/v1/plans", json={"date": "2026-11-23", "state": "published"},
                          headers=office.headers)
    assert unknown.status_code == 422


def test_engineers_cannot_read_plans(app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    engineer = make_user(app, Role.ENGINEER, "li", engineer_id=on_shift_engineer(app))
    job(app, start=local(10))
    body = plan(client, office.headers)
    assert client.get(f"/api/v1/plans/{body['id']}", headers=engineer.headers).status_code == 403
    assert client.get("/api/v1/plans/999", headers=office.headers).status_code == 404


def test_a_run_whose_worker_died_is_given_up_and_says_so(app: Flask, client: FlaskClient, office: LoggedIn,
                                                         clock: FixedClock) -> None:
    from dispatch.planning.recording import fail_stalled_runs
    from tests.support.spareparts import run

    app.extensions["fixroute_plan_runner"] = _Holding()
    queued = client.post("/api/v1/plans", json={"date": "2026-11-23"}, headers=office.headers).get_json()
    assert run(app, fail_stalled_runs) == []  # freshly queued: a worker may still pick it up

    clock.current += timedelta(minutes=11)
    assert run(app, fail_stalled_runs) == [queued["id"]]
    body = client.get(f"/api/v1/plans/{queued['id']}", headers=office.headers).get_json()
    assert body["run_status"] == "failed" and "no worker picked it up" in body["error"]
    assert run(app, fail_stalled_runs) == []
