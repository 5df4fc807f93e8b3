"""Query budgets: how many SQL statements a request may run, whatever the data behind it.

Counted with ``tests.support.statements.count_statements`` (``bench/api.py`` counts with the
same one). Each budget is an upper bound that holds today; the speed work of issue 18 lowers
them and adds the ones that must stay constant in route length and history.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from tests.support.statements import count_statements
from tests.support.users import make_user
from tests.support.workorders import make_work_order

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
