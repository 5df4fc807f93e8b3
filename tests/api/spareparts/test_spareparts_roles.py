"""Who may do what: the warehouse everything, dispatchers read (and reserve), an engineer only
their own van and jobs — another engineer's records answer 404 on every id route."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from spareparts.reservations.service import reserve
from spareparts.returns import service as returns
from spareparts.stock import movements
from tests.api.spareparts.conftest import Depot
from tests.support.spareparts import make_part, put_stock, run
from tests.support.workorders import make_work_order
from workorders import Status

API = "/api/v1"
DAY = date(2026, 11, 24)


def _records_of_engineer_a(app: Flask, depot: Depot) -> dict[str, int]:
    make_part(app, "LK-MOTOR", returnable=True)
    put_stock(app, depot.futian, "LK-MOTOR", 3)
    put_stock(app, depot.van_a, "LK-MOTOR", 1)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    held = run(app, lambda uow: reserve(uow, None, work_order_id=job, sku="LK-MOTOR",
                                        location_id=depot.futian, qty=1, engineer_id=depot.a_id,
                                        needed_on=DAY))
    consumed = run(app, lambda uow: movements.record_movement(uow, None, {
        "kind": "consume", "work_order_id": job, "lines": [{"sku": "LK-MOTOR"}]}))
    owed = run(app, lambda uow: returns.opened_by(uow, consumed[0].id))
    return {"reservation": held.id, "pick_list": held.pick_list_id, "faulty_return": owed.id}


def test_another_engineers_records_are_not_found_on_every_id_route(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    ids = _records_of_engineer_a(app, depot)
    routes = [f"{API}/reservations/{ids['reservation']}", f"{API}/pick-lists/{ids['pick_list']}",
              f"{API}/faulty-returns/{ids['faulty_return']}", f"{API}/stock-locations/{depot.van_a}"]
    assert [client.get(url, headers=depot.engineer_a.headers).status_code for url in routes] == [200] * 4
    assert [client.get(url, headers=depot.engineer_b.headers).status_code for url in routes] == [404] * 4
    collect = client.post(f"{API}/faulty-returns/{ids['faulty_return']}/collect",
                          headers=depot.engineer_b.headers, json={"serial": "X"})
    assert collect.status_code == 404
    for listing in ("reservations", "faulty-returns", f"pick-lists?date={DAY}", "stock", "stock/ledger"):
        assert client.get(f"{API}/{listing}", headers=depot.engineer_b.headers).json == [], listing


def test_dispatchers_read_and_reserve_but_move_no_stock(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    ids = _records_of_engineer_a(app, depot)
    headers = depot.dispatcher.headers
    for listing in ("parts", "stock-locations", "stock", "stock/ledger", "stock/check", "reservations",
                    f"pick-lists?date={DAY}", "faulty-returns", "faulty-returns/compliance"):
        assert client.get(f"{API}/{listing}", headers=headers).status_code == 200, listing
    writes = [
        ("parts", {"sku": "X-1", "name": "X"}),
        ("stock-locations", {"code": "WH-X", "name": "X", "lat": 22.5, "lon": 114.0}),
        ("stock/movements", {"kind": "receive", "to_location_id": depot.futian,
                             "lines": [{"sku": "LK-MOTOR"}]}),
        (f"reservations/{ids['reservation']}/issue", {}),
        (f"pick-lists/{ids['pick_list']}/issue", {}),
        (f"faulty-returns/{ids['faulty_return']}/receive", {"warehouse_id": depot.futian}),
        (f"faulty-returns/{ids['faulty_return']}/disposition", {"disposition": "scrap"}),
    ]
    assert [client.post(f"{API}/{path}", headers=headers, json=body).status_code for path, body in writes] \
        == [403] * len(writes)
    released = client.post(f"{API}/reservations/{ids['reservation']}/release", headers=headers, json={})
    assert released.status_code == 200


def test_the_warehouse_issues_and_receives(app: Flask, client: FlaskClient, depot: Depot) -> None:
    ids = _records_of_engineer_a(app, depot)
    headers = depot.clerk.headers
    issued = client.post(f"{API}/pick-lists/{ids['pick_list']}/issue", headers=headers, json={})
    assert issued.status_code == 200 and issued.json["open_lines"] == 0
    collected = client.post(f"{API}/faulty-returns/{ids['faulty_return']}/collect", headers=headers, json={})
    assert collected.status_code == 200
    received = client.post(f"{API}/faulty-returns/{ids['faulty_return']}/receive", headers=headers,
                           json={"warehouse_id": depot.futian})
    assert received.status_code == 200 and received.json["status"] == "received"
