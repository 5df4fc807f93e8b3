"""People and a small stock world for the spare-parts tests: two warehouses, two engineers
with vans, the office and the warehouse clerk."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask

from core.auth import Role
from tests.support.engineers import make_engineer
from tests.support.spareparts import make_van, make_warehouse
from tests.support.users import LoggedIn, make_user


@dataclass
class Depot:
    dispatcher: LoggedIn
    clerk: LoggedIn
    engineer_a: LoggedIn
    engineer_b: LoggedIn
    futian: int
    nanshan: int
    van_a: int
    van_b: int

    @property
    def a_id(self) -> int:
        assert self.engineer_a.engineer_id is not None
        return self.engineer_a.engineer_id

    @property
    def b_id(self) -> int:
        assert self.engineer_b.engineer_id is not None
        return self.engineer_b.engineer_id


@pytest.fixture
def depot(app: Flask) -> Depot:
    futian = make_warehouse(app, "WH-FT", 22.541, 114.055, name="Futian warehouse")
    nanshan = make_warehouse(app, "WH-NS", 22.533, 113.930, name="Nanshan warehouse")
    a, b = make_engineer(app, name="Li Wei"), make_engineer(app, name="Wang Fang")
    return Depot(
        dispatcher=make_user(app, Role.DISPATCHER, "dana"),
        clerk=make_user(app, Role.WAREHOUSE, "wu"),
        engineer_a=make_user(app, Role.ENGINEER, "li", engineer_id=a),
        engineer_b=make_user(app, Role.ENGINEER, "wang", engineer_id=b),
        futian=futian, nanshan=nanshan, van_a=make_van(app, a, "Li Wei"), van_b=make_van(app, b, "Wang Fang"),
    )
