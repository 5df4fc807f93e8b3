"""Query budgets: how many SQL statements a request may run, whatever the data behind it.

Counted with ``tests.support.statements.count_statements`` (``bench/api.py`` counts with the
same one). Each budget is an upper bound that holds today; the speed work of issue 18 lowers
them and adds the ones that must stay constant in route length and history.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from tests.support.engineers import make_engineer
from tests.support.spareparts import make_part, make_van, put_stock
from tests.support.statements import count_statements
from tests.support.users import make_user
from tests.support.workorders import make_work_order
from workorders import Status

# Today (issue 18's "before"), on SQLite and PostgreSQL alike: the token's user, the page's
# count, the page's work orders, their required skills, their parts needed.
LIST_PAGE_BUDGET = 5


def test_a_page_of_work_orders_costs_a_fixed_number_of_statements(app: Flask, client: FlaskClient) -> None:
    dispatcher = make_user(app, Role.DISPATCHER, "dana")
    for _ in range(25):
        make_work_order(app)
    client.get("/api/v1/work-orders?per_page=20", headers=dispatcher.headers)  # first use of the engine

    with count_statements(app) as counted:
        response = client.get("/api/v1/work-orders?per_page=20", headers=dispatcher.headers)

    assert response.status_code == 200
    assert len(response.json) == 20
    assert counted.count <= LIST_PAGE_BUDGET, counted


# The walk "engineer records a part used", a serialized returnable part with its faulty part
# collected at once. Before issue 10: 34 statements on SQLite, 46 on PostgreSQL (which also
# locks each balance row up front) — the job re-read by spare parts, the part looked up in
# both packages, the new return read back to collect it. After: each layer once.
PART_USED_BUDGET = {"sqlite": 27, "postgresql": 39}


def test_recording_a_part_used_costs_a_fixed_number_of_statements(app: Flask, client: FlaskClient) -> None:
    engineer_id = make_engineer(app, name="Li Wei")
    engineer = make_user(app, Role.ENGINEER, "li", engineer_id=engineer_id)
    van = make_van(app, engineer_id)
    make_part(app, "LK-MOTOR", serialized=True, returnable=True)
    put_stock(app, van, "LK-MOTOR", serials=["M-NEW-1", "M-NEW-2"])
    warm_up, job = (make_work_order(app, Status.IN_PROGRESS, engineer_id=engineer_id) for _ in range(2))
    client.post(f"/api/v1/work-orders/{warm_up}/parts", headers=engineer.headers,  # first use of the engine
                json={"sku": "LK-MOTOR", "qty": 1, "serial": "M-NEW-1"})

    with count_statements(app) as counted:
        response = client.post(f"/api/v1/work-orders/{job}/parts", headers=engineer.headers, json={
            "sku": "LK-MOTOR", "qty": 1, "serial": "M-NEW-2", "faulty_serial": "M-OLD-9"})

    assert response.status_code == 201, response.json
    assert response.json["parts_used"][0]["faulty_serial"] == "M-OLD-9"
    assert counted.count <= PART_USED_BUDGET[app.extensions["fixroute"].engine.dialect.name], counted
