"""Fixtures shared by every test layer that needs the app or a database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from core.clock import FixedClock
from core.db import make_engine
from tests.support.databases import (
    POSTGRES_URL,
    backends,
    build_schema,
    drop_run_schema,
    empty_tables,
    sqlite_url,
)

# Plans are solved inline and briefly here (the planning tests choose their own limits), so
# no test leaves a worker process behind, and a fuzzer's hour-long time limit is refused.
TEST_PLAN_SETTINGS = {"PLAN_RUNNER": "inline", "PLAN_WORKERS": 1, "PLAN_SOLUTION_LIMIT": 30,
                      "PLAN_MAX_TIME_LIMIT_S": 2.0}


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = sqlite_url(Path(tmp_path_factory.mktemp("sqlite")))
    build_schema(url)
    return url


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    build_schema(POSTGRES_URL)
    yield POSTGRES_URL
    drop_run_schema()


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest) -> str:
    """Every test that asks for the app runs once per configured backend."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_database")
    if "postgres_only" in request.keywords:
        pytest.skip("runs only against PostgreSQL")
    return request.getfixturevalue("sqlite_database")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def app(database_url: str, clock: FixedClock) -> Iterator[Flask]:
    engine = make_engine(database_url)
    empty_tables(engine)
    engine.dispose()
    flask_app = create_app({"TESTING": True, "DATABASE_URL": database_url, "REDIS_URL": None,
                            **TEST_PLAN_SETTINGS}, clock=clock)
    yield flask_app
    flask_app.extensions["fixroute"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
