"""Planning API tests solve inline (the runner is swapped, the solver is the real one) with a
solution limit, so runs are quick and repeatable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from app import create_app
from core.auth import Role
from core.clock import FixedClock
from core.db import make_engine
from tests.support.databases import empty_tables
from tests.support.dispatch import PLAN_SETTINGS
from tests.support.users import LoggedIn, make_user


@pytest.fixture
def app(database_url: str, clock: FixedClock) -> Iterator[Flask]:
    engine = make_engine(database_url)
    empty_tables(engine)
    engine.dispose()
    overrides = {"TESTING": True, "DATABASE_URL": database_url, "REDIS_URL": None, **PLAN_SETTINGS}
    flask_app = create_app(overrides, clock=clock)
    yield flask_app
    flask_app.extensions["fixroute"].engine.dispose()


@pytest.fixture
def office(app: Flask) -> LoggedIn:
    return make_user(app, Role.DISPATCHER, "dana")
