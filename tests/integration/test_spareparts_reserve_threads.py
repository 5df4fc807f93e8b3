"""Concurrency below HTTP: ``reserve`` by 30 threads for the last 10 units holds exactly 10, and
opposite transfers at once never deadlock, on both databases (the HTTP race through gunicorn is
in test_spareparts_race.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from flask import Flask

from spareparts import available_quantities, reserve
from spareparts.errors import InsufficientStock
from spareparts.stock.movements import record_movement
from tests.support.engineers import make_engineer
from tests.support.spareparts import books_balance, make_part, make_van, make_warehouse, put_stock, run
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
            with rt.unit_of_work() as uow:
                reserve(uow, None, work_order_id=job, sku="LK-MOTOR", location_id=warehouse, qty=1)
            return "held"
        except InsufficientStock:
            return "refused"

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(one, range(THREADS)))
    assert (outcomes.count("held"), outcomes.count("refused")) == (UNITS, THREADS - UNITS)
    assert run(app, lambda uow: available_quantities(uow, ["LK-MOTOR"])) == {(warehouse, "LK-MOTOR"): 0}
    assert books_balance(app)


def test_opposite_transfers_at_once_queue_instead_of_deadlocking(app: Flask) -> None:
    """Van → warehouse and warehouse → van over the same rows, 24 threads: every one succeeds."""
    rt = app.extensions["fixroute"]
    make_part(app, "A")
    make_part(app, "B")
    warehouse, van = make_warehouse(app, "WH-X"), make_van(app, make_engineer(app))
    for location in (warehouse, van):
        put_stock(app, location, "A", 50)
        put_stock(app, location, "B", 50)
    start_together = Barrier(24)

    def one(n: int) -> None:
        there, back = (warehouse, van) if n % 2 else (van, warehouse)
        skus = ("A", "B") if n % 4 < 2 else ("B", "A")
        start_together.wait(timeout=30)
        with rt.unit_of_work() as uow:
            record_movement(uow, None, {"kind": "transfer", "from_location_id": there, "to_location_id": back,
                                        "lines": [{"sku": sku, "qty": 1} for sku in skus]})

    with ThreadPoolExecutor(24) as pool:
        list(pool.map(one, range(24)))
    assert run(app, lambda uow: available_quantities(uow, ["A", "B"])) == {
        (warehouse, "A"): 50, (warehouse, "B"): 50, (van, "A"): 50, (van, "B"): 50}
    assert books_balance(app)
