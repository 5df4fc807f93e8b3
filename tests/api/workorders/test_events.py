"""What the work-order package announces, with the fields its listeners read: spare parts
(PartUsedRecorded, WorkOrderCancelled in test_transitions) and the customer notices of
issue 14 (every status change, completion, a request's conversion; WorkOrderAssigned in
test_planning_reads)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.api.workorders.conftest import Staff
from tests.support.spareparts import stock_van
from tests.support.workorders import make_service_request, make_work_order
from workorders import (
    PartUsedRecorded,
    ServiceRequestConverted,
    Status,
    WorkOrderCompleted,
    WorkOrderStatusChanged,
)

PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2O"
       "UAAAAABJRU5ErkJggg==")


def listen(app: Flask, *event_types: type) -> list[Any]:
    heard: list[Any] = []
    for event_type in event_types:
        app.extensions["fixroute"].bus.subscribe(event_type, lambda _uow, event: heard.append(event))
    return heard


def test_converting_a_request_announces_the_new_work_order(
        app: Flask, client: FlaskClient, staff: Staff) -> None:
    heard = listen(app, ServiceRequestConverted)
    request_id = make_service_request(app)
    answer = client.post(f"/api/v1/service-requests/{request_id}/convert", headers=staff.dispatcher.headers,
                         json={"estimated_duration_s": 3600})
    assert answer.status_code == 201, answer.json
    assert heard == [ServiceRequestConverted(request_id, answer.json["id"])]


def test_each_move_announces_its_statuses_and_completion_its_own(
        app: Flask, client: FlaskClient, staff: Staff) -> None:
    heard = listen(app, WorkOrderStatusChanged, WorkOrderCompleted)
    job = make_work_order(app, Status.ON_SITE, engineer_id=staff.a_id, resolution_notes="Fixed",
                          test_passed=True, no_parts_used=True)
    client.post(f"/api/v1/work-orders/{job}/signature", headers=staff.engineer_a.headers,
                json={"signer_name": "Chen", "image": PNG})
    for to in ("in_progress", "completed"):
        answer = client.post(f"/api/v1/work-orders/{job}/transitions", headers=staff.engineer_a.headers,
                             json={"to": to})
        assert answer.status_code == 200, answer.json
    assert heard == [WorkOrderStatusChanged(job, "on_site", "in_progress"),
                     WorkOrderStatusChanged(job, "in_progress", "completed"), WorkOrderCompleted(job)]


def test_a_part_used_is_announced_with_the_engineers_word_on_the_faulty_part(
        app: Flask, client: FlaskClient, staff: Staff) -> None:
    heard = listen(app, PartUsedRecorded)
    stock_van(app, staff.a_id, {"LK-MOTOR": 2}, returnable=("LK-MOTOR",))
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=staff.a_id)
    for faulty in ({"faulty_serial": "OLD-1"}, {"faulty_missing_reason": "Customer kept it"}):
        answer = client.post(f"/api/v1/work-orders/{job}/parts", headers=staff.engineer_a.headers,
                             json={"sku": "LK-MOTOR", "qty": 1, "serial": "NEW-1", **faulty})
        assert answer.status_code == 201, answer.json
    lines = [line["id"] for line in answer.json["parts_used"]]
    user = staff.engineer_a.user_id
    assert heard == [
        PartUsedRecorded(job, lines[0], staff.a_id, user, "LK-MOTOR", 1, "NEW-1", "OLD-1", None),
        PartUsedRecorded(job, lines[1], staff.a_id, user, "LK-MOTOR", 1, "NEW-1", None, "Customer kept it")]
