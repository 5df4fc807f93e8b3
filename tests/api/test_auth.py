"""Logging in, tokens, roles and the login throttle."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from core.clock import FixedClock
from tests.support.users import TEST_PASSWORD, make_user


def test_login_returns_a_token_that_identifies_the_user(app: Flask, client: FlaskClient) -> None:
    user = make_user(app, Role.DISPATCHER, "dana")
    answer = client.post("/api/v1/auth/login", json={"username": "dana", "password": TEST_PASSWORD})
    assert answer.status_code == 200, answer.json
    assert answer.json["role"] == "dispatcher"
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {answer.json['token']}"})
    assert me.status_code == 200
    assert me.json["user_id"] == user.user_id


def test_wrong_password_is_401_problem(app: Flask, client: FlaskClient) -> None:
    make_user(app, Role.DISPATCHER, "dana")
    answer = client.post("/api/v1/auth/login", json={"username": "dana", "password": "nope-nope"})
    assert answer.status_code == 401
    assert answer.content_type == "application/problem+json"
    assert answer.json["code"] == "unauthorized"


def test_missing_token_is_401_and_bad_token_is_401(client: FlaskClient) -> None:
    assert client.get("/api/v1/auth/me").status_code == 401
    answer = client.get("/api/v1/auth/me", headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_expired_token_is_refused(app: Flask, client: FlaskClient, clock: FixedClock) -> None:
    user = make_user(app, Role.WAREHOUSE)
    clock.advance(timedelta(hours=2).total_seconds())
    assert client.get("/api/v1/auth/me", headers=user.headers).status_code == 401


def test_logout_revokes_the_token(app: Flask, client: FlaskClient) -> None:
    user = make_user(app, Role.WAREHOUSE)
    assert client.post("/api/v1/auth/logout", headers=user.headers).status_code == 204
    assert client.get("/api/v1/auth/me", headers=user.headers).status_code == 401


def test_repeated_failed_logins_are_throttled_per_user_and_address(
    app: Flask, client: FlaskClient
) -> None:
    make_user(app, Role.DISPATCHER, "dana")
    wrong = {"username": "dana", "password": "guess-guess"}
    statuses = [client.post("/api/v1/auth/login", json=wrong).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    blocked = client.post("/api/v1/auth/login", json={"username": "dana", "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert blocked.content_type == "application/problem+json"
    assert int(blocked.headers["Retry-After"]) > 0
    other_address = client.post("/api/v1/auth/login", json={"username": "dana", "password": TEST_PASSWORD},
                                environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other_address.status_code == 200


def test_login_with_unknown_field_is_422_naming_the_field(client: FlaskClient) -> None:
    answer = client.post("/api/v1/auth/login",
                         json={"username": "a", "password": "b", "role": "admin"})
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    assert {"field": "role", "in": "body", "detail": "Unknown field."} in answer.json["errors"]


def test_malformed_json_is_a_problem_not_a_500(client: FlaskClient) -> None:
    answer = client.post("/api/v1/auth/login", data="{not json", content_type="application/json")
    assert answer.status_code in (400, 422)
    assert answer.content_type == "application/problem+json"


def test_wrong_method_is_405_problem_with_allow(client: FlaskClient) -> None:
    answer = client.delete("/api/v1/auth/login")
    assert answer.status_code == 405
    assert answer.content_type == "application/problem+json"
    assert "POST" in answer.headers["Allow"]


def test_unknown_path_is_404_problem(client: FlaskClient) -> None:
    answer = client.get("/api/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.content_type == "application/problem+json"


def test_an_id_beyond_the_key_range_is_404_not_a_database_error(app: Flask, client: FlaskClient) -> None:
    dispatcher = make_user(app, Role.DISPATCHER)
    answer = client.get(f"/api/v1/work-orders/{2**63}", headers=dispatcher.headers)
    assert answer.status_code == 404
    assert answer.content_type == "application/problem+json"
