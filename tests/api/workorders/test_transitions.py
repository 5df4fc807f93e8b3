"""The lifecycle through the API: every move, the 409 for illegal ones, gates, history and events."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.workorders.conftest import Staff
from tests.support.spareparts import stock_van
from tests.support.workorders import make_work_order
from workorders.lifecycle import ENGINEER_TARGETS, NEXT_STATUSES, Status

LEGAL = [(s, t) for s in Status for t in sorted(NEXT_STATUSES[s])]
PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
    "YGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


def _move(client: FlaskClient, staff: Staff, work_order_id: int, target: Status, **extra: Any) -> Any:
    who = staff.engineer_a if target in ENGINEER_TARGETS else staff.dispatcher
    body = {
        "to": target.value,
        **{
            Status.ASSIGNED: {"engineer_id": staff.a_id},
            Status.ON_HOLD: {"hold_reason": "customer_absent"},
            Status.CANCELLED: {"reason": "Customer withdrew"},
        }.get(target, {}),
        **extra,
    }
    return client.post(f"/api/v1/work-orders/{work_order_id}/transitions", headers=who.headers, json=body)


def _ready(app: Flask, staff: Staff, status: Status) -> int:
    return make_work_order(
        app, status, engineer_id=staff.a_id, resolution_notes="Fixed", test_passed=True, no_parts_used=True
    )


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_legal_move_is_made_and_recorded(
    app: Flask, client: FlaskClient, staff: Staff, current: Status, target: Status
) -> None:
    work_order_id = _ready(app, staff, current)
    if target is Status.COMPLETED:
        client.post(
            f"/api/v1/work-orders/{work_order_id}/signature",
            headers=staff.engineer_a.headers,
            json={"signer_name": "Chen", "image": PNG},
        )
    answer = _move(client, staff, work_order_id, target)
    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == target.value
    assert answer.headers["ETag"] == f'"{answer.json["version"]}"'
    history = client.get(f"/api/v1/work-orders/{work_order_id}/events", headers=staff.dispatcher.headers).json
    assert [(e["from_status"], e["to_status"]) for e in history if e["kind"] == "transition"] == [
        (current.value, target.value)
    ]


@pytest.mark.parametrize("current", list(Status))
def test_every_illegal_move_is_409_listing_the_allowed_next_states(
    app: Flask, client: FlaskClient, staff: Staff, current: Status
) -> None:
    work_order_id = _ready(app, staff, current)
    for target in (t for t in Status if t not in NEXT_STATUSES[current]):
        answer = _move(client, staff, work_order_id, target)
        assert answer.status_code == 409, (current, target)
        assert answer.content_type == "application/problem+json"
        assert answer.json["code"] == "illegal-transition"
        assert answer.json["current"] == current.value
        assert set(answer.json["allowed"]) == {s.value for s in NEXT_STATUSES[current]}
    assert (
        client.get(f"/api/v1/work-orders/{work_order_id}/events", headers=staff.dispatcher.headers).json == []
    )


def test_engineer_cannot_make_office_moves_nor_dispatcher_field_moves(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    assigned = _ready(app, staff, Status.ASSIGNED)
    refused = client.post(
        f"/api/v1/work-orders/{assigned}/transitions",
        headers=staff.engineer_a.headers,
        json={"to": "cancelled", "reason": "no"},
    )
    assert refused.status_code == 403 and refused.json["code"] == "transition-forbidden"
    refused = client.post(
        f"/api/v1/work-orders/{assigned}/transitions",
        headers=staff.dispatcher.headers,
        json={"to": "en_route"},
    )
    assert refused.status_code == 403
    refused = client.post(
        f"/api/v1/work-orders/{assigned}/transitions",
        headers=staff.warehouse.headers,
        json={"to": "en_route"},
    )
    assert refused.status_code == 403


def test_assigning_an_unknown_engineer_names_the_field(app: Flask, client: FlaskClient, staff: Staff) -> None:
    work_order_id = make_work_order(app, Status.SCHEDULED)
    answer = client.post(
        f"/api/v1/work-orders/{work_order_id}/transitions",
        headers=staff.dispatcher.headers,
        json={"to": "assigned", "engineer_id": 999999},
    )
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "engineer_id"


def test_chargeable_work_starts_only_after_quote_and_consent(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    work_order_id = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id, chargeable=True)
    refused = _move(client, staff, work_order_id, Status.IN_PROGRESS)
    assert refused.status_code == 409 and refused.json["code"] == "requirements-not-met"
    assert {e["field"] for e in refused.json["errors"]} == {"quote_amount", "consent_name"}
    answer = _move(
        client,
        staff,
        work_order_id,
        Status.IN_PROGRESS,
        quote_amount="180.00",
        consent_name="Chen Jing",
        lat=22.54,
        lon=114.05,
    )
    assert answer.status_code == 200, answer.json
    assert (answer.json["quote_amount"], answer.json["consent_name"]) == ("180.00", "Chen Jing")
    assert answer.json["consent_at"] is not None


def test_completion_needs_notes_test_signature_and_parts(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    work_order_id = make_work_order(app, Status.IN_PROGRESS, engineer_id=staff.a_id)
    stock_van(app, staff.a_id, {"LK-MOTOR": 2, "LK-BOLT": 2}, returnable=("LK-MOTOR",))
    refused = _move(client, staff, work_order_id, Status.COMPLETED)
    assert {e["field"] for e in refused.json["errors"]} == {
        "resolution_notes",
        "test_passed",
        "signature",
        "parts_used",
    }
    url = f"/api/v1/work-orders/{work_order_id}"
    headers = staff.engineer_a.headers
    parts = client.post(
        f"{url}/parts",
        headers=headers,
        json={"sku": "LK-MOTOR", "qty": 1, "serial": "SN-NEW", "returnable": True},
    )
    assert parts.status_code == 201, parts.json
    client.post(f"{url}/signature", headers=headers, json={"signer_name": "Chen", "image": PNG})
    refused = _move(
        client, staff, work_order_id, Status.COMPLETED, resolution_notes="Motor", test_passed=True
    )
    assert [e["field"] for e in refused.json["errors"]] == ["parts_used"]
    client.post(f"{url}/parts", headers=headers, json={"sku": "LK-BOLT", "qty": 2})
    patched = client.patch(
        url, headers=headers, json={"resolution_notes": "Replaced motor", "test_passed": True}
    )
    assert patched.status_code == 200, patched.json
    answer = client.post(
        f"{url}/parts",
        headers=headers,
        json={"sku": "LK-MOTOR", "qty": 1, "returnable": True, "faulty_missing_reason": "Customer kept it"},
    )
    assert answer.status_code == 201
    db_refused = _move(client, staff, work_order_id, Status.COMPLETED)
    assert [e["field"] for e in db_refused.json["errors"]] == [
        "parts_used"
    ]  # first motor still owes its part


def test_cancel_needs_a_reason_and_publishes_the_cancellation(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    from workorders.events import WorkOrderCancelled

    seen: list[Any] = []
    app.extensions["fixroute"].bus.subscribe(WorkOrderCancelled, lambda uow, event: seen.append(event))
    work_order_id = make_work_order(app, Status.SCHEDULED)
    refused = client.post(
        f"/api/v1/work-orders/{work_order_id}/transitions",
        headers=staff.dispatcher.headers,
        json={"to": "cancelled"},
    )
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "reason"
    assert _move(client, staff, work_order_id, Status.CANCELLED).status_code == 200
    assert seen == [WorkOrderCancelled(work_order_id, "Customer withdrew")]


def test_customer_contacted_is_recorded_with_its_time(app: Flask, client: FlaskClient, staff: Staff) -> None:
    work_order_id = make_work_order(app, Status.ASSIGNED, engineer_id=staff.a_id)
    answer = client.post(
        f"/api/v1/work-orders/{work_order_id}/customer-contacted",
        headers=staff.engineer_a.headers,
        json={"reason": "Confirmed 14:00"},
    )
    assert answer.status_code == 200 and answer.json["status"] == "assigned"
    assert answer.json["customer_contacted_at"] == "2026-11-23T01:00:00+00:00"
    events = client.get(f"/api/v1/work-orders/{work_order_id}/events", headers=staff.engineer_a.headers).json
    assert [e["kind"] for e in events] == ["customer_contacted"]
