"""Every error status the API answers comes as problem+json; validation names the field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from core.auth import Role
from tests.support.engineers import make_engineer
from tests.support.users import make_user
from tests.support.workorders import make_work_order
from workorders import Status

Scenario = Callable[[Flask, FlaskClient], TestResponse]


def _bad_json(app: Flask, client: FlaskClient) -> TestResponse:
    return client.post("/api/v1/auth/login", data="{oops", content_type="application/json")


def _no_token(app: Flask, client: FlaskClient) -> TestResponse:
    return client.get("/api/v1/work-orders")


def _wrong_role(app: Flask, client: FlaskClient) -> TestResponse:
    return client.get("/api/v1/customers", headers=make_user(app, Role.WAREHOUSE).headers)


def _missing(app: Flask, client: FlaskClient) -> TestResponse:
    return client.get("/api/v1/work-orders/999999", headers=make_user(app, Role.DISPATCHER).headers)


def _wrong_method(app: Flask, client: FlaskClient) -> TestResponse:
    return client.put("/api/v1/auth/me", headers=make_user(app, Role.DISPATCHER).headers)


def _illegal_move(app: Flask, client: FlaskClient) -> TestResponse:
    work_order_id = make_work_order(app, Status.NEW)
    return client.post(f"/api/v1/work-orders/{work_order_id}/transitions",
                       headers=make_user(app, Role.DISPATCHER).headers, json={"to": "completed"})


def _stale(app: Flask, client: FlaskClient) -> TestResponse:
    work_order_id = make_work_order(app, Status.SCHEDULED)
    return client.patch(f"/api/v1/work-orders/{work_order_id}", json={"priority": 2},
                        headers={**make_user(app, Role.DISPATCHER).headers, "If-Match": '"99"'})


def _invalid_field(app: Flask, client: FlaskClient) -> TestResponse:
    return client.post("/api/v1/engineers", headers=make_user(app, Role.DISPATCHER).headers,
                       json={"name": "X", "phone": "1", "home_lat": 123.0, "home_lon": 114.0})


def _throttled(app: Flask, client: FlaskClient) -> TestResponse:
    make_user(app, Role.DISPATCHER, "dana")
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"username": "dana", "password": "wrong-one"})
    return client.post("/api/v1/auth/login", json={"username": "dana", "password": "wrong-one"})


SCENARIOS: dict[int, Scenario] = {
    400: _bad_json, 401: _no_token, 403: _wrong_role, 404: _missing, 405: _wrong_method,
    409: _illegal_move, 412: _stale, 422: _invalid_field, 429: _throttled,
}


@pytest.mark.parametrize("status", sorted(SCENARIOS))
def test_each_error_status_is_a_problem_document(app: Flask, client: FlaskClient, status: int) -> None:
    answer = SCENARIOS[status](app, client)
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert answer.content_type == "application/problem+json"
    body = answer.json
    assert body["status"] == status
    assert body["type"].startswith("/api/v1/problems/") and body["title"] and body["code"]


def test_validation_problem_names_the_field_and_the_reason(app: Flask, client: FlaskClient) -> None:
    body = _invalid_field(app, client).json
    [error] = [e for e in body["errors"] if e["field"] == "home_lat"]
    assert error["in"] == "body" and "90" in error["detail"]


def test_illegal_move_lists_the_allowed_next_states(app: Flask, client: FlaskClient) -> None:
    body = _illegal_move(app, client).json
    assert body["code"] == "illegal-transition"
    assert body["allowed"] == ["scheduled", "cancelled"] and body["current"] == "new"


def test_twenty_queued_phone_updates_replayed_twice_have_twenty_effects(
    app: Flask, client: FlaskClient
) -> None:
    engineer_id = make_engineer(app)
    engineer = make_user(app, Role.ENGINEER, engineer_id=engineer_id)
    jobs = [make_work_order(app, Status.ASSIGNED, engineer_id=engineer_id) for _ in range(20)]
    for _ in range(3):  # the first sync, then the queue replayed twice more
        for number, job in enumerate(jobs):
            answer = client.post(f"/api/v1/work-orders/{job}/transitions", json={"to": "en_route"},
                                 headers={**engineer.headers, "Idempotency-Key": f"tap-{number}"})
            assert answer.status_code == 200
    events = [client.get(f"/api/v1/work-orders/{job}/events", headers=engineer.headers).json
              for job in jobs]
    assert [len(e) for e in events] == [1] * 20
