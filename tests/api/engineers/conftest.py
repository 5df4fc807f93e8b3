"""Logged-in callers for the engineers API tests."""

from __future__ import annotations

import pytest
from flask import Flask

from core.auth import Role
from tests.support.users import LoggedIn, make_user


@pytest.fixture
def dispatcher(app: Flask) -> LoggedIn:
    return make_user(app, Role.DISPATCHER, "dispatcher")


@pytest.fixture
def warehouse(app: Flask) -> LoggedIn:
    return make_user(app, Role.WAREHOUSE, "warehouse")
