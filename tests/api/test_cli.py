"""The operator's commands: creating users."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.support.engineers import make_engineer


def test_users_create_makes_a_user_who_can_log_in(app: Flask, client: FlaskClient) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "mei", "--role", "warehouse", "--password", "stock-keeper-9"])
    assert result.exit_code == 0, result.output
    login = client.post("/api/v1/auth/login", json={"username": "mei", "password": "stock-keeper-9"})
    assert login.status_code == 200 and login.json["role"] == "warehouse"


def test_an_engineer_user_must_name_their_engineer(app: Flask) -> None:
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["users", "create", "li", "--role", "engineer", "--password", "x" * 10])
    assert refused.exit_code == 1 and "must be linked to an engineer" in refused.output
    engineer_id = make_engineer(app)
    made = runner.invoke(args=["users", "create", "li", "--role", "engineer", "--password", "x" * 10,
                               "--engineer-id", str(engineer_id)])
    assert made.exit_code == 0, made.output
