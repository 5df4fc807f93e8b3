"""What the engineer's phone needs beyond the basic job API: the asset's history with the
repeat-repair flag, If-Match on every field write, ETags it can chain, replay-safe PATCH."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from tests.api.workorders.conftest import Staff
from tests.support.spareparts import stock_van
from tests.support.workorders import WINDOW_START, make_asset, make_work_order
from workorders import Status
from workorders.orders.models import EventKind, WorkOrder, WorkOrderEvent

PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
    "YGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


def _completed_visit(
    app: Flask, asset_id: int, completed_at: datetime, engineer_id: int, **fields: object
) -> int:
    """A past job on the asset, completed at ``completed_at`` (its completion event says so)."""
    work_order_id = make_work_order(app, Status.COMPLETED, engineer_id=engineer_id, asset_id=asset_id,
                                    window_start=completed_at - timedelta(hours=2),
                                    window_end=completed_at, created_at=completed_at - timedelta(days=1),
                                    **fields)
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        uow.session.add(WorkOrderEvent(
            work_order_id=work_order_id, kind=EventKind.TRANSITION, from_status=Status.IN_PROGRESS,
            to_status=Status.COMPLETED, actor_user_id=1, actor_role=Role.ENGINEER, at=completed_at))
    return work_order_id


def test_asset_history_flags_a_repair_completed_within_30_days_before_the_visit(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    asset_id = make_asset(app)
    b = staff.engineer_b.engineer_id
    assert b is not None
    _completed_visit(app, asset_id, WINDOW_START - timedelta(days=60), b, number="WO-OLD",
                     symptom="Battery flat", resolution_notes="Replaced battery")
    _completed_visit(app, asset_id, WINDOW_START - timedelta(days=12), b, number="WO-RECENT",
                     symptom="Motor jams", resolution_notes="Replaced motor")
    job = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id, asset_id=asset_id)
    answer = client.get(f"/api/v1/work-orders/{job}/asset-history", headers=staff.engineer_a.headers)
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert body["repeat_repair"] is True and body["repeat_window_days"] == 30
    assert body["asset"]["id"] == asset_id and body["asset"]["product_model"] == "SmartLock S2"
    assert [(v["number"], v["within_repeat_window"]) for v in body["visits"]] == [
        ("WO-RECENT", True), ("WO-OLD", False)]
    assert body["visits"][0]["resolution_notes"] == "Replaced motor"
    assert body["last_repair_at"].startswith((WINDOW_START - timedelta(days=12)).date().isoformat())
    assert not {"customer_phone", "engineer_id", "id"} & set(body["visits"][0])


def test_asset_history_without_a_recent_repair_is_no_repeat(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    asset_id = make_asset(app)
    _completed_visit(app, asset_id, WINDOW_START - timedelta(days=31), staff.a_id)
    make_work_order(app, Status.CANCELLED, asset_id=asset_id)  # a cancelled job is no visit
    job = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id, asset_id=asset_id)
    body = client.get(f"/api/v1/work-orders/{job}/asset-history", headers=staff.engineer_a.headers).json
    assert body["repeat_repair"] is False
    assert [v["within_repeat_window"] for v in body["visits"]] == [False]
    first = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    fresh = client.get(f"/api/v1/work-orders/{first}/asset-history", headers=staff.engineer_a.headers).json
    assert (fresh["repeat_repair"], fresh["visits"], fresh["last_repair_at"]) == (False, [], None)


def test_asset_history_of_another_engineers_job_is_not_found(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    theirs = make_work_order(app, Status.ASSIGNED, engineer_id=staff.engineer_b.engineer_id)
    answer = client.get(f"/api/v1/work-orders/{theirs}/asset-history", headers=staff.engineer_a.headers)
    assert answer.status_code == 404 and answer.content_type == "application/problem+json"
    assert client.get(f"/api/v1/work-orders/{theirs}/asset-history",
                      headers=staff.dispatcher.headers).status_code == 200
    assert client.get(f"/api/v1/work-orders/{theirs}/asset-history",
                      headers=staff.warehouse.headers).status_code == 403


def _version(app: Flask, work_order_id: int) -> int:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        return uow.session.get(WorkOrder, work_order_id).version


def test_stale_if_match_on_field_writes_is_412_and_writes_nothing(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    job = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id)
    stock_van(app, staff.a_id, {"LK-MOTOR": 1})
    url = f"/api/v1/work-orders/{job}"
    stale = {**staff.engineer_a.headers, "If-Match": f'"{_version(app, job) - 1}"'}
    answers = [
        client.post(f"{url}/customer-contacted", headers=stale, json={"reason": "Confirmed 14:30"}),
        client.post(f"{url}/parts", headers=stale, json={"sku": "LK-MOTOR", "qty": 1}),
        client.post(f"{url}/signature", headers=stale, json={"signer_name": "Chen", "image": PNG}),
    ]
    assert [a.status_code for a in answers] == [412, 412, 412]
    assert all(a.json["code"] == "stale-version" for a in answers)
    after = client.get(url, headers=staff.engineer_a.headers).json
    assert after["customer_contacted_at"] is None
    assert client.get(f"{url}/parts", headers=staff.engineer_a.headers).json["parts_used"] == []
    assert client.get(f"{url}/signature", headers=staff.engineer_a.headers).status_code == 404


def test_each_field_write_answers_the_new_etag_so_the_next_queued_tap_can_chain_on_it(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    job = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id)
    stock_van(app, staff.a_id, {"LK-MOTOR": 1})
    url, headers = f"/api/v1/work-orders/{job}", staff.engineer_a.headers
    etag = client.get(url, headers=headers).headers["ETag"]
    for path, body in [("customer-contacted", {}), ("parts", {"sku": "LK-MOTOR", "qty": 1, "serial": "N1"}),
                       ("signature", {"signer_name": "Chen", "image": PNG})]:
        answer = client.post(f"{url}/{path}", headers={**headers, "If-Match": etag}, json=body)
        assert answer.status_code in (200, 201), (path, answer.json)
        assert answer.headers["ETag"] != etag
        etag = answer.headers["ETag"]
    assert client.get(url, headers=headers).headers["ETag"] == etag


def test_a_replayed_patch_has_one_effect_and_the_first_answer(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    job = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id, chargeable=True)
    url = f"/api/v1/work-orders/{job}"
    etag = client.get(url, headers=staff.engineer_a.headers).headers["ETag"]
    headers = {**staff.engineer_a.headers, "If-Match": etag, "Idempotency-Key": "tap-quote"}
    body = {"quote_amount": "180.00", "consent_name": "Chen Jing"}
    first = client.patch(url, headers=headers, json=body)
    replay = client.patch(url, headers=headers, json=body)  # the answer was lost; the phone retries
    assert (first.status_code, replay.status_code) == (200, 200)
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json == first.json
    assert _version(app, job) == int(etag.strip('"')) + 1


def test_route_without_a_date_is_today_in_the_service_timezone(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    today = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    # 00:30 Shanghai on the next day is still 16:30 UTC on the test clock's UTC day.
    tomorrow_start = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id, window_start=tomorrow_start,
                    window_end=tomorrow_start + timedelta(hours=2))
    assert [s["id"] for s in client.get("/api/v1/me/route", headers=staff.engineer_a.headers).json] == [today]


def test_the_route_names_the_service_day_it_serves_so_a_phone_can_ask_for_tomorrow(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    today = client.get("/api/v1/me/route", headers=staff.engineer_a.headers)
    assert today.headers["Service-Date"] == "2026-11-23"
    asked = client.get("/api/v1/me/route?date=2026-11-24", headers=staff.engineer_a.headers)
    assert asked.headers["Service-Date"] == "2026-11-24" and asked.json == []
