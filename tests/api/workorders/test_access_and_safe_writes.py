"""Who sees what, server-owned fields, stale versions and idempotent phone writes."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from tests.api.workorders.conftest import Staff
from tests.support.spareparts import stock_van
from tests.support.workorders import make_work_order
from workorders import Status
from workorders.orders.models import WorkOrder

PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
    "YGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


def _stored(app: Flask, work_order_id: int) -> WorkOrder:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        return uow.session.get(WorkOrder, work_order_id)


def test_engineer_gets_404_for_another_engineers_job_on_every_route(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    theirs = make_work_order(app, Status.ON_SITE, engineer_id=staff.engineer_b.engineer_id)
    stored = _stored(app, theirs)
    url, headers = f"/api/v1/work-orders/{theirs}", staff.engineer_a.headers
    answers = [
        client.get(url, headers=headers),
        client.patch(url, headers=headers, json={"diagnosis_notes": "x"}),
        client.get(f"{url}/events", headers=headers),
        client.get(f"{url}/parts", headers=headers),
        client.post(f"{url}/transitions", headers=headers, json={"to": "in_progress"}),
        client.post(f"{url}/parts", headers=headers, json={"sku": "X", "qty": 1}),
        client.post(f"{url}/signature", headers=headers, json={"signer_name": "C", "image": PNG}),
        client.get(f"{url}/signature", headers=headers),
        client.post(f"{url}/customer-contacted", headers=headers, json={}),
        client.get(f"/api/v1/customers/{stored.customer_id}", headers=headers),
        client.get(f"/api/v1/sites/{stored.site_id}", headers=headers),
        client.get(f"/api/v1/assets/{stored.asset_id}", headers=headers),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert all(a.content_type == "application/problem+json" for a in answers)
    assert client.get("/api/v1/work-orders", headers=headers).json == []
    assert client.get(url, headers=staff.engineer_b.headers).status_code == 200
    assert (
        client.get(f"/api/v1/customers/{stored.customer_id}", headers=staff.engineer_b.headers).status_code
        == 200
    )


def test_warehouse_reads_jobs_and_parts_but_no_phone_or_address(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    work_order_id = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    job = client.get(f"/api/v1/work-orders/{work_order_id}", headers=staff.warehouse.headers)
    assert job.status_code == 200 and job.json["parts_needed"] == [{"sku": "LK-MOTOR", "qty": 1}]
    assert not {"customer_phone", "site_address", "customer_name"} & set(job.json)
    full = client.get(f"/api/v1/work-orders/{work_order_id}", headers=staff.dispatcher.headers).json
    assert full["customer_phone"] and full["site_address"]
    assert (
        client.get(f"/api/v1/work-orders/{work_order_id}/parts", headers=staff.warehouse.headers).status_code
        == 200
    )
    assert (
        client.get(f"/api/v1/customers/{full['customer_id']}", headers=staff.warehouse.headers).status_code
        == 403
    )


def test_client_sent_status_number_and_version_change_nothing(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    work_order_id = make_work_order(app, Status.SCHEDULED)
    before = client.get(f"/api/v1/work-orders/{work_order_id}", headers=staff.dispatcher.headers).json
    answer = client.patch(
        f"/api/v1/work-orders/{work_order_id}",
        headers=staff.dispatcher.headers,
        json={"status": "closed", "number": "WO-1", "version": 99, "chargeable": True, "priority": 1},
    )
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json["errors"]} == {"status", "number", "version", "chargeable"}
    after = client.get(f"/api/v1/work-orders/{work_order_id}", headers=staff.dispatcher.headers).json
    assert after == before


def test_stale_if_match_is_412_and_nothing_is_written(app: Flask, client: FlaskClient, staff: Staff) -> None:
    work_order_id = make_work_order(app, Status.SCHEDULED)
    url, headers = f"/api/v1/work-orders/{work_order_id}", staff.dispatcher.headers
    etag = client.get(url, headers=headers).headers["ETag"]
    fresh = client.patch(url, headers={**headers, "If-Match": etag}, json={"priority": 1})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    stale = client.patch(url, headers={**headers, "If-Match": etag}, json={"priority": 4})
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    stale_move = client.post(
        f"{url}/transitions", headers={**headers, "If-Match": etag}, json={"to": "cancelled", "reason": "x"}
    )
    assert stale_move.status_code == 412
    after = client.get(url, headers=headers).json
    assert (after["priority"], after["status"]) == (1, "scheduled")
    assert client.get(f"{url}/events", headers=headers).json == []


def test_idempotent_replay_returns_the_first_answer_with_one_effect(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    work_order_id = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id)
    stock_van(app, staff.a_id, {"LK-MOTOR": 2, "LK-BOLT": 2})
    url = f"/api/v1/work-orders/{work_order_id}/parts"
    headers = {**staff.engineer_a.headers, "Idempotency-Key": "tap-1"}
    first = client.post(url, headers=headers, json={"sku": "LK-MOTOR", "qty": 1})
    replay = client.post(url, headers=headers, json={"qty": 1, "sku": "LK-MOTOR"})
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json == first.json and replay.headers["Idempotent-Replayed"] == "true"
    assert len(client.get(url, headers=staff.engineer_a.headers).json["parts_used"]) == 1
    other = client.post(url, headers=headers, json={"sku": "LK-BOLT", "qty": 1})
    assert other.status_code == 422 and other.json["code"] == "idempotency-key-reused"


def test_a_key_still_in_flight_is_409(app: Flask, client: FlaskClient, staff: Staff) -> None:
    from core import idempotency

    work_order_id = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    url = f"/api/v1/work-orders/{work_order_id}/transitions"
    body = b'{"to": "en_route"}'
    rt = app.extensions["fixroute"]
    with rt.session_factory() as session:  # the first request has claimed the key and not finished
        idempotency.claim(
            session,
            staff.engineer_a.user_id,
            "tap-2",
            idempotency.request_fingerprint("POST", url, body),
            rt.clock.now(),
            3600,
        )
    answer = client.post(
        url,
        headers={**staff.engineer_a.headers, "Idempotency-Key": "tap-2"},
        data=body,
        content_type="application/json",
    )
    assert answer.status_code == 409 and answer.json["code"] == "idempotency-key-in-flight"
    assert _stored(app, work_order_id).status is Status.ASSIGNED


def test_engineer_route_lists_own_jobs_of_the_day_in_planned_order(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    from datetime import UTC, datetime

    later = make_work_order(
        app,
        Status.ASSIGNED,
        engineer_id=staff.a_id,
        planned_start=datetime(2026, 11, 23, 7, 0, tzinfo=UTC),
        planned_end=datetime(2026, 11, 23, 8, 0, tzinfo=UTC),
    )
    sooner = make_work_order(
        app,
        Status.EN_ROUTE,
        engineer_id=staff.a_id,
        planned_start=datetime(2026, 11, 23, 2, 0, tzinfo=UTC),
        planned_end=datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
    )
    make_work_order(app, Status.ASSIGNED, engineer_id=staff.engineer_b.engineer_id)
    route = client.get(f"/api/v1/me/route?date={date(2026, 11, 23)}", headers=staff.engineer_a.headers)
    assert route.status_code == 200, route.json
    assert [stop["id"] for stop in route.json] == [sooner, later]
    assert route.json[0]["site_address"]
    assert client.get("/api/v1/me/route?date=2026-11-24", headers=staff.engineer_a.headers).json == []
    today = client.get("/api/v1/me/route", headers=staff.engineer_a.headers)  # the test clock's day
    assert [stop["id"] for stop in today.json] == [sooner, later]


def test_the_office_filters_work_orders_by_engineer_and_customer_in_the_query(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    mine = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    make_work_order(app, Status.ASSIGNED, engineer_id=staff.engineer_b.engineer_id)
    by_engineer = client.get(f"/api/v1/work-orders?engineer_id={staff.a_id}",
                             headers=staff.dispatcher.headers)
    assert by_engineer.status_code == 200, by_engineer.json
    assert [row["id"] for row in by_engineer.json] == [mine]
    customer = by_engineer.json[0]["customer_id"]
    by_customer = client.get(f"/api/v1/work-orders?customer_id={customer}", headers=staff.dispatcher.headers)
    assert [row["id"] for row in by_customer.json] == [mine]
    refused = client.get("/api/v1/work-orders?engineer_id=zero", headers=staff.dispatcher.headers)
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "engineer_id"
