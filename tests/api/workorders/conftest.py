"""People for the work-order API tests: the office, two engineers and the warehouse."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask

from core.auth import Role
from tests.support.engineers import make_engineer
from tests.support.users import LoggedIn, make_user


@dataclass
class Staff:
    dispatcher: LoggedIn
    engineer_a: LoggedIn
    engineer_b: LoggedIn
    warehouse: LoggedIn

    @property
    def a_id(self) -> int:
        assert self.engineer_a.engineer_id is not None
        return self.engineer_a.engineer_id


@pytest.fixture
def staff(app: Flask) -> Staff:
    engineer_a, engineer_b = make_engineer(app, name="Li Wei"), make_engineer(app, name="Wang Fang")
    return Staff(
        dispatcher=make_user(app, Role.DISPATCHER, "dana"),
        engineer_a=make_user(app, Role.ENGINEER, "li", engineer_id=engineer_a),
        engineer_b=make_user(app, Role.ENGINEER, "wang", engineer_id=engineer_b),
        warehouse=make_user(app, Role.WAREHOUSE, "wu"),
    )


@dataclass
class Desk:
    """The service desk's people, next to the office's."""

    agent: LoggedIn
    other_agent: LoggedIn
    supervisor: LoggedIn
    staff: Staff


@pytest.fixture
def desk(app: Flask, staff: Staff) -> Desk:
    return Desk(agent=make_user(app, Role.AGENT, "ada"), other_agent=make_user(app, Role.AGENT, "bo"),
                supervisor=make_user(app, Role.SUPERVISOR, "sue"), staff=staff)
