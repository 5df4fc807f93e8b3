"""Movements, balances and the ledger over HTTP: bad input is refused whole, roles are kept."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.api.spareparts.conftest import Depot
from tests.support.spareparts import books_balance, make_part, put_stock
from tests.support.workorders import make_work_order
from workorders import Status

MOVES, STOCK, LEDGER = "/api/v1/stock/movements", "/api/v1/stock", "/api/v1/stock/ledger"


def _stock(client: FlaskClient, depot: Depot, location_id: int) -> dict[str, int]:
    rows = client.get(f"{STOCK}?location_id={location_id}", headers=depot.clerk.headers).json
    return {f"{r['sku']}/{r['condition']}": r["available"] for r in rows}


def test_receive_then_transfer_shows_in_balances_and_the_ledger(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    received = client.post(MOVES, headers=depot.clerk.headers, json={
        "kind": "receive", "to_location_id": depot.futian, "lines": [{"sku": "LK-MOTOR", "qty": 6}],
        "reason": "PO 4411"})
    assert received.status_code == 201, received.json
    assert received.json["entries"][0]["to_location_id"] == depot.futian
    moved = client.post(MOVES, headers=depot.clerk.headers, json={
        "kind": "transfer", "from_location_id": depot.futian, "to_location_id": depot.van_a,
        "lines": [{"sku": "LK-MOTOR", "qty": 2}]})
    assert moved.status_code == 201, moved.json
    assert _stock(client, depot, depot.futian) == {"LK-MOTOR/good": 4}
    assert _stock(client, depot, depot.van_a) == {"LK-MOTOR/good": 2}
    ledger = client.get(f"{LEDGER}?sku=LK-MOTOR", headers=depot.dispatcher.headers)
    assert [e["kind"] for e in ledger.json] == ["transfer", "receive"]
    check = client.get("/api/v1/stock/check", headers=depot.dispatcher.headers).json
    assert check["ok"] is True and check["balances_checked"] >= 3


def test_bad_input_is_refused_with_the_right_status_and_nothing_is_written(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "PLAIN")
    make_part(app, "SER", serialized=True)
    put_stock(app, depot.futian, "PLAIN", 2)
    before = client.get(LEDGER, headers=depot.clerk.headers).json

    def move(**body: object) -> tuple[int, str]:
        answer = client.post(MOVES, headers=depot.clerk.headers, json=body)
        return answer.status_code, answer.json["code"]

    transfer = {"kind": "transfer", "from_location_id": depot.futian, "to_location_id": depot.van_a}
    assert move(**transfer, lines=[{"sku": "NOPE", "qty": 1}]) == (422, "unknown-part")
    assert move(**transfer, lines=[{"sku": "PLAIN", "qty": 0}]) == (422, "unprocessable-entity")
    assert move(**transfer, lines=[{"sku": "PLAIN", "qty": -1}]) == (422, "unprocessable-entity")
    assert move(**transfer, lines=[{"sku": "PLAIN", "qty": 3}]) == (409, "insufficient-stock")
    assert move(kind="receive", to_location_id=depot.futian, lines=[{"sku": "SER", "qty": 1}]) \
        == (422, "serial-required")
    assert move(kind="receive", to_location_id=987654, lines=[{"sku": "PLAIN", "qty": 1}]) \
        == (404, "unknown-location")
    assert move(**transfer, lines=[{"sku": "PLAIN", "qty": 1}, {"sku": "PLAIN", "qty": 1},
                                   {"sku": "PLAIN", "qty": 1}]) == (409, "insufficient-stock")
    assert move(**transfer, lines=[{"sku": "PLAIN", "qty": 1}], reason="Shelf B\x00") \
        == (422, "unprocessable-entity")
    assert move(**transfer, lines=[{"sku": "PLAIN", "serial": "SN\n1"}]) == (422, "unprocessable-entity")
    assert client.get(LEDGER, headers=depot.clerk.headers).json == before
    assert _stock(client, depot, depot.futian) == {"PLAIN/good": 2}
    assert books_balance(app)


def test_an_engineer_consumes_only_on_their_own_job_from_their_own_van(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.van_a, "LK-MOTOR", 2)
    put_stock(app, depot.van_b, "LK-MOTOR", 2)
    mine = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    theirs = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.b_id)
    line = [{"sku": "LK-MOTOR", "qty": 1}]
    headers = depot.engineer_a.headers
    used = client.post(MOVES, headers=headers, json={"kind": "consume", "work_order_id": mine, "lines": line})
    assert used.status_code == 201, used.json
    other_job = client.post(MOVES, headers=headers, json={"kind": "consume", "work_order_id": theirs,
                                                          "lines": line})
    assert other_job.status_code == 404
    other_van = client.post(MOVES, headers=headers, json={"kind": "consume", "work_order_id": mine,
                                                          "from_location_id": depot.van_b, "lines": line})
    assert other_van.status_code == 404
    receive = client.post(MOVES, headers=headers, json={"kind": "receive", "to_location_id": depot.van_a,
                                                        "lines": line})
    assert receive.status_code == 403
    assert {r["location_id"] for r in client.get(STOCK, headers=headers).json} == {depot.van_a}
    assert client.get(f"{STOCK}?location_id={depot.van_b}", headers=headers).json == []
    assert all(depot.van_a in (e["from_location_id"], e["to_location_id"])
               for e in client.get(LEDGER, headers=headers).json)
    assert client.post(MOVES, headers=depot.dispatcher.headers, json={
        "kind": "receive", "to_location_id": depot.futian, "lines": line}).status_code == 403
    assert books_balance(app)


def test_consuming_on_a_finished_job_is_refused(app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.van_a, "LK-MOTOR", 1)
    done = make_work_order(app, Status.CLOSED, engineer_id=depot.a_id)
    answer = client.post(MOVES, headers=depot.engineer_a.headers, json={
        "kind": "consume", "work_order_id": done, "lines": [{"sku": "LK-MOTOR"}]})
    assert answer.status_code == 409 and answer.json["code"] == "work-order-closed"


def test_stock_filters_below_reorder_point_and_virtual_locations(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LOW", reorder_point=5)
    make_part(app, "HIGH", reorder_point=1)
    put_stock(app, depot.futian, "LOW", 3)
    put_stock(app, depot.futian, "HIGH", 9)
    low = client.get(f"{STOCK}?below_reorder_point=true", headers=depot.dispatcher.headers).json
    assert [(r["sku"], r["below_reorder_point"]) for r in low] == [("LOW", True)]
    everywhere = client.get(f"{STOCK}?include_virtual=true&kind=supplier", headers=depot.clerk.headers).json
    assert {(r["sku"], r["on_hand"]) for r in everywhere} == {("LOW", -3), ("HIGH", -9)}


def test_a_unit_reserved_in_the_van_goes_to_its_own_job_and_no_other(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.van_a, "LK-MOTOR", 1)
    kept_for = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    other = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    held = client.post("/api/v1/reservations", headers=depot.dispatcher.headers, json={
        "work_order_id": kept_for, "sku": "LK-MOTOR", "location_id": depot.van_a, "qty": 1})
    assert held.status_code == 201
    line = {"sku": "LK-MOTOR", "qty": 1}
    refused = client.post(f"/api/v1/work-orders/{other}/parts", headers=depot.engineer_a.headers, json=line)
    assert refused.status_code == 409 and refused.json["code"] == "insufficient-stock"
    fitted = client.post(f"/api/v1/work-orders/{kept_for}/parts", headers=depot.engineer_a.headers, json=line)
    assert fitted.status_code == 201, fitted.json
    settled = client.get(f"/api/v1/reservations/{held.json['id']}", headers=depot.clerk.headers).json
    assert settled["status"] == "issued"
    assert _stock(client, depot, depot.van_a) == {"LK-MOTOR/good": 0}
    assert books_balance(app)


def test_a_serial_leaves_only_the_place_it_is_in_and_arrives_only_once(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "GW-BOARD", serialized=True)
    put_stock(app, depot.futian, "GW-BOARD", serials=["GB-1", "GB-2"])

    def move(**body: object) -> tuple[int, str]:
        answer = client.post(MOVES, headers=depot.clerk.headers, json=body)
        return answer.status_code, answer.json.get("code", "created")

    transfer = {"kind": "transfer", "from_location_id": depot.futian, "to_location_id": depot.van_a}
    assert move(**transfer, lines=[{"sku": "GW-BOARD", "serial": "GB-9"}]) == (409, "serial-not-here")
    assert move(kind="receive", to_location_id=depot.nanshan, lines=[{"sku": "GW-BOARD", "serial": "GB-1"}]) \
        == (409, "serial-in-stock")
    assert move(**transfer, lines=[{"sku": "GW-BOARD", "serial": "GB-1"}]) == (201, "created")
    assert move(**transfer, lines=[{"sku": "GW-BOARD", "serial": "GB-1"}]) == (409, "serial-not-here")
    where = client.get("/api/v1/stock/serials?sku=GW-BOARD", headers=depot.clerk.headers).json
    assert [(u["serial"], u["location_id"]) for u in where] == [("GB-1", depot.van_a), ("GB-2", depot.futian)]
    mine = client.get("/api/v1/stock/serials", headers=depot.engineer_a.headers).json
    assert [u["serial"] for u in mine] == ["GB-1"]
    assert client.get("/api/v1/stock/serials", headers=depot.engineer_b.headers).json == []
    assert books_balance(app)


def test_a_phone_retrying_a_consumption_books_it_once(app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.van_a, "LK-MOTOR", 3)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    headers = {**depot.engineer_a.headers, "Idempotency-Key": "tap-7"}
    body = {"kind": "consume", "work_order_id": job, "lines": [{"sku": "LK-MOTOR", "qty": 1}]}
    first, replay = (client.post(MOVES, headers=headers, json=body) for _ in range(2))
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json == first.json
    assert _stock(client, depot, depot.van_a) == {"LK-MOTOR/good": 2}
    assert books_balance(app)


def test_a_reason_may_run_over_lines(app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "PLAIN")
    put_stock(app, depot.futian, "PLAIN", 2)
    reason = "Dropped in the yard.\nCasing cracked;\tsee photo."
    scrapped = client.post(MOVES, headers=depot.clerk.headers, json={
        "kind": "scrap", "from_location_id": depot.futian, "lines": [{"sku": "PLAIN"}], "reason": reason})
    assert scrapped.status_code == 201, scrapped.json
    assert scrapped.json["entries"][0]["reason"] == reason
    assert books_balance(app)
