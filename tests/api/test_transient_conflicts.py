"""A write that loses a race inside the database (deadlock, serialization failure, SQLite's
busy timeout) is a 409 to retry, never a 500; any other database failure stays a 500."""

from __future__ import annotations

import sqlite3

import psycopg.errors
import pytest
from flask import Flask
from sqlalchemy.exc import OperationalError


def _raising(app: Flask, orig: BaseException) -> None:
    def view() -> None:
        raise OperationalError("UPDATE sp_stock_balance …", {}, orig)

    app.add_url_rule("/raise-db-error", "raise_db_error", view)


@pytest.mark.parametrize("orig", [
    psycopg.errors.DeadlockDetected("deadlock detected"),
    psycopg.errors.SerializationFailure("could not serialize access"),
    sqlite3.OperationalError("database is locked"),
], ids=["deadlock", "serialization", "sqlite-busy"])
def test_a_lost_race_in_the_database_is_a_409_to_send_again(app: Flask, orig: BaseException) -> None:
    _raising(app, orig)
    response = app.test_client().get("/raise-db-error")
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "concurrent-update"
    assert response.headers["Retry-After"] == "1"


def test_any_other_database_failure_is_still_an_internal_error(app: Flask) -> None:
    _raising(app, psycopg.errors.DiskFull("could not extend file"))
    response = app.test_client().get("/raise-db-error")
    assert response.status_code == 500
    assert response.json["code"] == "internal-error"
