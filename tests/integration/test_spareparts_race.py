"""The race: 50 concurrent HTTP reservations for 1 unit each against 10 available, through a real
gunicorn server with two workers (threads too), on each database: exactly 10 succeed, 40 are
409 ``insufficient-stock`` problems, and the balances still equal the ledger."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from flask import Flask

from core.auth import Role
from tests.support.spareparts import (
    available_at,
    books_balance,
    gunicorn_server,
    http_json,
    long_lived_headers,
    make_part,
    make_warehouse,
    put_stock,
)
from tests.support.workorders import make_work_order

CLIENTS, UNITS = 50, 10


def test_fifty_clients_racing_for_ten_units_get_exactly_ten(app: Flask, database_url: str) -> None:
    make_part(app, "LK-MOTOR")
    warehouse = make_warehouse(app, "WH-RACE")
    put_stock(app, warehouse, "LK-MOTOR", UNITS)
    jobs = [make_work_order(app) for _ in range(CLIENTS)]
    headers = long_lived_headers(app, Role.DISPATCHER, "racer")
    start_together = Barrier(CLIENTS)

    with gunicorn_server(database_url, workers=2) as base:
        def reserve(job: int) -> tuple[int, str, object]:
            start_together.wait(timeout=60)
            return http_json(base, "POST", "/api/v1/reservations", headers,
                             {"work_order_id": job, "sku": "LK-MOTOR", "location_id": warehouse, "qty": 1})

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(reserve, jobs))
        check = http_json(base, "GET", "/api/v1/stock/check", headers)

    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [201] * UNITS + [409] * (CLIENTS - UNITS)
    refusals = [(kind, body) for status, kind, body in answers if status == 409]
    assert all(kind == "application/problem+json" and body["code"] == "insufficient-stock"  # type: ignore[index]
               for kind, body in refusals)
    assert check[0] == 200 and check[2]["ok"] is True  # type: ignore[index]
    assert available_at(app, warehouse, "LK-MOTOR") == 0
    assert books_balance(app)
