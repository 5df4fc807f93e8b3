"""The faulty-part loop end to end: a part fitted on a job leaves the van and opens a return;
the old part is collected, received at the warehouse and given a disposition."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from core.clock import FixedClock
from tests.api.spareparts.conftest import Depot
from tests.support.spareparts import available_at, books_balance, make_part, put_stock
from tests.support.statements import count_statements
from tests.support.users import make_user
from tests.support.workorders import make_work_order
from workorders import Status

RETURNS = "/api/v1/faulty-returns"


def _fit(client: FlaskClient, depot: Depot, job: int, **line: object) -> object:
    return client.post(f"/api/v1/work-orders/{job}/parts", headers=depot.engineer_a.headers,
                       json={"qty": 1, **line})


def test_a_part_fitted_on_site_leaves_the_van_and_opens_a_return(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR", serialized=True, returnable=True)
    put_stock(app, depot.van_a, "LK-MOTOR", serials=["M-NEW-1"])
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    fitted = _fit(client, depot, job, sku="LK-MOTOR", serial="M-NEW-1")
    assert fitted.status_code == 201, fitted.json
    assert fitted.json["parts_used"][0]["returnable"] is True
    assert available_at(app, depot.van_a, "LK-MOTOR") == 0
    owed = client.get(f"{RETURNS}?work_order_id={job}", headers=depot.engineer_a.headers).json
    assert [(r["status"], r["new_serial"], r["sku"]) for r in owed] == [("expected", "M-NEW-1", "LK-MOTOR")]
    assert client.get(f"{RETURNS}?work_order_id={job}", headers=depot.engineer_b.headers).json == []
    collected = client.post(f"{RETURNS}/{owed[0]['id']}/collect", headers=depot.engineer_a.headers,
                            json={"serial": "M-OLD-7"})
    assert collected.status_code == 200 and collected.json["status"] == "collected"
    parts = client.get(f"/api/v1/work-orders/{job}/parts", headers=depot.engineer_a.headers).json
    assert parts["parts_used"][0]["faulty_serial"] == "M-OLD-7"  # the completion gate is satisfied
    received = client.post(f"{RETURNS}/{owed[0]['id']}/receive", headers=depot.clerk.headers,
                           json={"warehouse_id": depot.futian})
    assert received.status_code == 200 and received.json["received_at_location_id"] == depot.futian
    done = client.post(f"{RETURNS}/{owed[0]['id']}/disposition", headers=depot.clerk.headers,
                       json={"disposition": "vendor"})
    assert done.status_code == 200 and done.json["status"] == "dispositioned"
    again = client.post(f"{RETURNS}/{owed[0]['id']}/disposition", headers=depot.clerk.headers,
                        json={"disposition": "scrap"})
    assert again.status_code == 409 and again.json["code"] == "illegal-return-step"
    kinds = [e["kind"] for e in client.get(f"/api/v1/stock/ledger?work_order_id={job}",
                                           headers=depot.clerk.headers).json]
    assert kinds == ["disposition", "return", "collect", "consume"]
    assert books_balance(app)


def test_a_faulty_serial_given_with_the_part_collects_it_at_once(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "CAM-BOARD", returnable=True)
    put_stock(app, depot.van_a, "CAM-BOARD", 1)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    assert _fit(client, depot, job, sku="CAM-BOARD", faulty_serial="CB-OLD").status_code == 201
    owed = client.get(f"{RETURNS}?work_order_id={job}", headers=depot.clerk.headers).json
    assert [(r["status"], r["old_serial"]) for r in owed] == [("collected", "CB-OLD")]
    defective = client.get(f"/api/v1/stock?location_id={depot.van_a}&condition=defective",
                           headers=depot.clerk.headers).json
    assert [(r["sku"], r["on_hand"]) for r in defective] == [("CAM-BOARD", 1)]
    assert books_balance(app)


def test_no_stock_in_the_van_means_no_parts_line_and_no_entry(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR", returnable=True)
    make_part(app, "GW-BOARD", serialized=True)
    put_stock(app, depot.van_b, "LK-MOTOR", 3)  # someone else's van
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    empty = _fit(client, depot, job, sku="LK-MOTOR")
    assert empty.status_code == 409 and empty.json["code"] == "insufficient-stock"
    assert _fit(client, depot, job, sku="NOPE").status_code == 422
    assert _fit(client, depot, job, sku="GW-BOARD").json["errors"][0]["field"] == "serial"
    parts = client.get(f"/api/v1/work-orders/{job}/parts", headers=depot.engineer_a.headers).json
    assert parts["parts_used"] == []
    assert client.get(RETURNS, headers=depot.clerk.headers).json == []
    assert books_balance(app)


def test_overdue_returns_are_listed_and_counted_in_compliance(
        app: Flask, client: FlaskClient, depot: Depot, clock: FixedClock) -> None:
    make_part(app, "LK-MOTOR", returnable=True)
    put_stock(app, depot.van_a, "LK-MOTOR", 2)
    late_job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    prompt_job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    _fit(client, depot, late_job, sku="LK-MOTOR")
    _fit(client, depot, prompt_job, sku="LK-MOTOR", faulty_serial="OLD-2")
    prompt = client.get(f"{RETURNS}?work_order_id={prompt_job}", headers=depot.clerk.headers).json[0]
    client.post(f"{RETURNS}/{prompt['id']}/receive", headers=depot.clerk.headers,
                json={"warehouse_id": depot.nanshan})
    assert client.get(f"{RETURNS}?overdue=true", headers=depot.clerk.headers).json == []
    clock.advance(10 * 86400)
    later = make_user(app, Role.WAREHOUSE, "wu-later").headers  # yesterday's tokens have expired
    overdue = client.get(f"{RETURNS}?overdue=true", headers=later).json
    assert [(r["work_order_id"], r["overdue"]) for r in overdue] == [(late_job, True)]
    figure = client.get(f"{RETURNS}/compliance", headers=later).json
    assert (figure["due"], figure["returned_on_time"], figure["overdue"], figure["compliance_pct"]) \
        == (2, 1, 1, 50.0)


PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2O"
       "UAAAAABJRU5ErkJggg==")


def _ready_to_complete(client: FlaskClient, depot: Depot, job: int) -> None:
    url = f"/api/v1/work-orders/{job}"
    client.post(f"{url}/signature", headers=depot.engineer_a.headers,
                json={"signer_name": "Chen", "image": PNG})
    client.patch(url, headers=depot.engineer_a.headers,
                 json={"resolution_notes": "Motor", "test_passed": True})


def _complete(client: FlaskClient, depot: Depot, job: int) -> object:
    return client.post(f"/api/v1/work-orders/{job}/transitions", headers=depot.engineer_a.headers,
                       json={"to": "completed"})


def _sheet(client: FlaskClient, depot: Depot, job: int) -> list[tuple[object, ...]]:
    parts = client.get(f"/api/v1/work-orders/{job}/parts", headers=depot.dispatcher.headers).json
    return [(p["sku"], p["returnable"], p["faulty_serial"], p["faulty_missing_reason"])
            for p in parts["parts_used"]]


def test_a_faulty_part_collected_later_on_its_return_shows_on_the_job_and_lets_it_complete(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR", returnable=True)
    put_stock(app, depot.van_a, "LK-MOTOR", 1)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    assert _fit(client, depot, job, sku="LK-MOTOR").status_code == 201
    _ready_to_complete(client, depot, job)
    refused = _complete(client, depot, job)
    assert refused.status_code == 409 and [e["field"] for e in refused.json["errors"]] == ["parts_used"]
    owed = client.get(f"{RETURNS}?work_order_id={job}", headers=depot.engineer_a.headers).json[0]
    assert client.post(f"{RETURNS}/{owed['id']}/collect", headers=depot.engineer_a.headers,
                       json={}).status_code == 200  # no serial on this one
    assert _sheet(client, depot, job) == [("LK-MOTOR", True, "no-serial", None)]
    assert _complete(client, depot, job).status_code == 200
    assert books_balance(app)


def test_a_faulty_part_collected_later_as_a_stock_movement_shows_on_the_job_and_lets_it_complete(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR", returnable=True)
    make_part(app, "LK-BOLT")
    put_stock(app, depot.van_a, "LK-MOTOR", 2)
    put_stock(app, depot.van_a, "LK-BOLT", 4)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    _fit(client, depot, job, sku="LK-MOTOR", faulty_missing_reason="Customer kept it")
    _fit(client, depot, job, sku="LK-MOTOR")
    _fit(client, depot, job, sku="LK-BOLT", qty=2, faulty_serial="nothing owed")
    _ready_to_complete(client, depot, job)
    assert _complete(client, depot, job).status_code == 409
    collected = client.post("/api/v1/stock/movements", headers=depot.engineer_a.headers, json={
        "kind": "collect", "work_order_id": job, "lines": [{"sku": "LK-MOTOR", "qty": 1, "serial": "OLD-9"}]})
    assert collected.status_code == 201, collected.json
    assert _sheet(client, depot, job) == [  # the part still owed is the one collected
        ("LK-MOTOR", True, None, "Customer kept it"), ("LK-MOTOR", True, "OLD-9", None),
        ("LK-BOLT", False, None, None)]
    owed = client.get(f"{RETURNS}?work_order_id={job}", headers=depot.clerk.headers).json
    assert sorted((r["status"], r["old_serial"]) for r in owed) == [
        ("collected", "OLD-9"), ("expected", None)]
    assert _complete(client, depot, job).status_code == 200
    assert books_balance(app)


def test_the_parts_sheet_reads_the_faulty_parts_in_one_statement_whatever_the_lines(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    make_part(app, "LK-MOTOR", returnable=True)
    put_stock(app, depot.van_a, "LK-MOTOR", 6)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=depot.a_id)
    costs = []
    for lines in (1, 5):
        while len(_sheet(client, depot, job)) < lines:
            _fit(client, depot, job, sku="LK-MOTOR", faulty_serial=f"OLD-{lines}")
        with count_statements(app) as counted:
            client.get(f"/api/v1/work-orders/{job}/parts", headers=depot.dispatcher.headers)
        costs.append(sum("sp_faulty_return" in sql for sql in counted.statements))
        costs.append(counted.count)
    assert costs[0] == costs[2] == 1 and costs[1] == costs[3], costs
