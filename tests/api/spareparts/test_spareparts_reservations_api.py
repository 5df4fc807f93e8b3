"""Reservations and pick lists over HTTP: hold, release, pick per engineer and day, issue."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from spareparts import reserve
from spareparts.jobs import expire_reservations_job
from tests.api.spareparts.conftest import Depot
from tests.support.spareparts import available_at, books_balance, make_part, put_stock, run
from tests.support.workorders import make_work_order
from workorders import Status

RESERVE = "/api/v1/reservations"
DAY = date(2026, 11, 24)


def _reserve(client: FlaskClient, depot: Depot, job: int, sku: str, qty: int = 1, **extra: object) -> object:
    return client.post(RESERVE, headers=depot.dispatcher.headers, json={
        "work_order_id": job, "sku": sku, "location_id": depot.futian, "qty": qty, **extra})


def test_a_reservation_holds_stock_until_released_once(app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.futian, "LK-MOTOR", 3)
    job = make_work_order(app)
    held = _reserve(client, depot, job, "LK-MOTOR", 2)
    assert held.status_code == 201 and held.json["status"] == "active"
    too_many = _reserve(client, depot, job, "LK-MOTOR", 2)
    assert too_many.status_code == 409 and too_many.json["code"] == "insufficient-stock"
    assert too_many.json["available"] == 1
    listed = client.get(f"{RESERVE}?work_order_id={job}&status=active", headers=depot.clerk.headers).json
    assert [r["id"] for r in listed] == [held.json["id"]]
    url = f"{RESERVE}/{held.json['id']}/release"
    released = client.post(url, headers=depot.clerk.headers, json={"reason": "Job moved"})
    assert released.status_code == 200 and released.json["status"] == "released"
    again = client.post(url, headers=depot.clerk.headers, json={})
    assert again.status_code == 409 and again.json["code"] == "reservation-not-active"
    assert available_at(app, depot.futian, "LK-MOTOR") == 3
    assert books_balance(app)


def test_reservation_input_is_checked(app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    job = make_work_order(app)
    assert _reserve(client, depot, job, "NOPE").json["code"] == "unknown-part"
    assert _reserve(client, depot, job, "LK-MOTOR", 0).status_code == 422
    assert _reserve(client, depot, 999999, "LK-MOTOR").status_code == 404
    assert client.post(RESERVE, headers=depot.dispatcher.headers, json={
        "work_order_id": job, "sku": "LK-MOTOR", "location_id": 999999, "qty": 1}).status_code == 404
    assert client.post(RESERVE, headers=depot.engineer_a.headers, json={
        "work_order_id": job, "sku": "LK-MOTOR", "location_id": depot.futian, "qty": 1}).status_code == 403


def test_the_pick_list_groups_a_days_warehouse_reservations_by_engineer_and_issues_them(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    make_part(app, "GW-BOARD", serialized=True)
    put_stock(app, depot.futian, "LK-MOTOR", 5)
    put_stock(app, depot.futian, "GW-BOARD", serials=["GB-1", "GB-2"])
    job_a = make_work_order(app, Status.ASSIGNED, engineer_id=depot.a_id)
    job_b = make_work_order(app, Status.ASSIGNED, engineer_id=depot.b_id)
    for job, engineer in ((job_a, depot.a_id), (job_b, depot.b_id)):
        assert _reserve(client, depot, job, "LK-MOTOR", 2, engineer_id=engineer,
                        needed_on=DAY.isoformat()).status_code == 201
    board = _reserve(client, depot, job_a, "GW-BOARD", 1, engineer_id=depot.a_id, needed_on=DAY.isoformat())
    lists = client.get(f"/api/v1/pick-lists?date={DAY}", headers=depot.clerk.headers)
    assert lists.status_code == 200
    assert [(p["engineer_id"], p["open_lines"]) for p in lists.json] == [(depot.a_id, 2), (depot.b_id, 1)]
    assert "+86" not in lists.get_data(as_text=True)  # no customer phone or address for the warehouse
    pick_a = lists.json[0]
    url = f"/api/v1/pick-lists/{pick_a['id']}/issue"
    refused = client.post(url, headers=depot.clerk.headers, json={})
    assert refused.status_code == 422 and refused.json["code"] == "serial-required"
    assert available_at(app, depot.van_a, "LK-MOTOR") == 0  # nothing issued by the refused attempt
    issued = client.post(url, headers=depot.clerk.headers, json={"lines": [
        {"reservation_id": board.json["id"], "serials": ["GB-2"]}]})
    assert issued.status_code == 200 and issued.json["open_lines"] == 1
    rest = client.post(url, headers=depot.clerk.headers, json={})
    assert rest.status_code == 200 and rest.json["open_lines"] == 0
    assert (available_at(app, depot.van_a, "LK-MOTOR"), available_at(app, depot.van_a, "GW-BOARD")) == (2, 1)
    assert available_at(app, depot.futian, "LK-MOTOR") == 1  # 5 − 2 issued − 2 still held for B
    mine = client.get(f"/api/v1/pick-lists?date={DAY}", headers=depot.engineer_b.headers).json
    assert [p["engineer_id"] for p in mine] == [depot.b_id]
    hidden = client.get(f"/api/v1/pick-lists/{pick_a['id']}", headers=depot.engineer_b.headers)
    assert hidden.status_code == 404
    assert books_balance(app)


def test_reservations_for_a_day_gone_by_expire(app: Flask, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.futian, "LK-MOTOR", 1)
    job = make_work_order(app)
    run(app, lambda uow: reserve(uow, None, work_order_id=job, sku="LK-MOTOR", location_id=depot.futian,
                                 qty=1, engineer_id=depot.a_id, needed_on=date(2026, 11, 20)))
    assert available_at(app, depot.futian, "LK-MOTOR") == 0
    assert run(app, expire_reservations_job) == 1
    assert run(app, expire_reservations_job) == 0
    assert available_at(app, depot.futian, "LK-MOTOR") == 1
    assert books_balance(app)
