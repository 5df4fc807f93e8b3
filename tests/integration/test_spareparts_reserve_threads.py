"""``reserve`` called by 30 threads at once for the last 10 units: exactly 10 holds, on both
databases (the HTTP race through gunicorn is in test_spareparts_race.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from flask import Flask

from core.db import unit_of_work
from spareparts.errors import InsufficientStock
from spareparts.service import available_quantities, reserve
from tests.support.spareparts import books_balance, make_part, make_warehouse, put_stock, run
from tests.support.workorders import make_work_order

THREADS, UNITS = 30, 10


def test_concurrent_reserve_calls_never_oversell(app: Flask) -> None:
    rt = app.extensions["fixroute"]
    make_part(app, "LK-MOTOR")
    warehouse = make_warehouse(app, "WH-RACE")
    put_stock(app, warehouse, "LK-MOTOR", UNITS)
    job = make_work_order(app)
    start_together = Barrier(THREADS)

    def one(_: int) -> str:
        start_together.wait(timeout=30)
        try:
            with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
                reserve(uow, None, work_order_id=job, sku="LK-MOTOR", location_id=warehouse, qty=1)
            return "held"
        except InsufficientStock:
            return "refused"

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(one, range(THREADS)))
    assert (outcomes.count("held"), outcomes.count("refused")) == (UNITS, THREADS - UNITS)
    assert run(app, lambda uow: available_quantities(uow, ["LK-MOTOR"])) == {(warehouse, "LK-MOTOR"): 0}
    assert books_balance(app)
