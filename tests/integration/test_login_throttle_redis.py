"""With Redis configured, failed logins count across workers (two app instances here)."""

from __future__ import annotations

import uuid

from flask import Flask

from app import create_app
from core.auth import LoginThrottle, Role
from tests.support.users import make_user

REDIS_URL = "redis://127.0.0.1:6379/15"


def test_failures_in_one_worker_block_the_other(app: Flask) -> None:
    username = f"dana-{uuid.uuid4().hex[:8]}"
    make_user(app, Role.DISPATCHER, username)
    config = {"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "REDIS_URL": REDIS_URL}
    first, second = create_app(config), create_app(config)
    wrong = {"username": username, "password": "guess-guess"}
    try:
        for _ in range(5):
            assert first.test_client().post("/api/v1/auth/login", json=wrong).status_code == 401
        assert second.test_client().post("/api/v1/auth/login", json=wrong).status_code == 429
    finally:
        LoginThrottle("5 per 15 minutes", REDIS_URL).clear(username, "127.0.0.1")
        for flask_app in (first, second):
            flask_app.extensions["fixroute"].engine.dispose()
