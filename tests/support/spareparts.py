"""Builders for parts, warehouses, vans and stock, written through the real use cases.

``books_balance`` is the invariant every stock test ends with: each balance equals the sum of
its ledger entries, reserved equals the active reservations, and no physical stock is negative.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from core.db import UnitOfWork
from spareparts.catalog import service as catalog
from spareparts.ledger import service as ledger
from spareparts.ledger.models import Condition, MovementKind
from spareparts.ledger.service import Leg
from spareparts.locations import service as locations
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.stock import books

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
_serial = itertools.count(1)


def run(app: Any, work: Callable[[UnitOfWork], T]) -> T:
    """One unit of work, committed, like a request or a CLI command."""
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        return work(uow)


def make_part(app: Any, sku: str | None = None, **overrides: Any) -> int:
    fields = {"sku": sku or f"PT-{next(_serial):05d}", "name": "Lock motor", "compatible_models":
              ["Aqara Smart Lock U200"], "unit_cost_cents": 4000, "price_cents": 9000, "serialized": False,
              "returnable": False, "reorder_point": 2} | overrides
    return run(app, lambda uow: catalog.create_part(uow, fields).id)


def make_warehouse(app: Any, code: str | None = None, lat: float = 22.54, lon: float = 114.06,
                   **overrides: Any) -> int:
    fields = {"code": code or f"WH-{next(_serial)}", "name": "Futian warehouse",
              "kind": LocationKind.WAREHOUSE, "lat": lat, "lon": lon} | overrides
    return run(app, lambda uow: locations.create_location(uow, fields).id)


def make_van(app: Any, engineer_id: int, name: str = "Li Wei", lat: float = 22.54,
             lon: float = 114.06) -> int:
    return run(app, lambda uow: locations.create_van(uow, engineer_id, name, lat, lon).id)


def put_stock(app: Any, location_id: int, sku: str, qty: int = 1, serials: list[str] | None = None,
              condition: Condition = Condition.GOOD) -> None:
    """Delivers stock straight from the supplier into a warehouse or van, through the ledger."""

    def deliver(uow: UnitOfWork) -> None:
        part = catalog.part_by_sku(uow, sku)
        target = Leg(uow.session.get(StockLocation, location_id), condition)
        supplier = Leg(locations.virtual_location(uow, LocationKind.SUPPLIER), condition)
        units = [(1, s) for s in serials] if serials else [(qty, None)]
        for amount, serial in units:
            ledger.append(uow, None, kind=MovementKind.RECEIVE, part=part, qty=amount, source=supplier,
                          target=target, serial=serial, reason="test stock")

    run(app, deliver)


def books_balance(app: Any) -> bool:
    checked, mismatches = run(app, lambda uow: books.reconcile(uow.session))
    assert mismatches == [], mismatches
    return checked > 0


def available_at(app: Any, location_id: int, sku: str) -> int:
    from spareparts.reservations.service import available_quantities

    return run(app, lambda uow: available_quantities(uow, [sku]).get((location_id, sku), 0))


def long_lived_headers(app: Any, role: Any, username: str, engineer_id: int | None = None) -> dict[str, str]:
    """A token valid for years of the test clock, for a real server whose clock is the wall's."""
    from core.auth import User, issue_token
    from tests.support.users import make_user

    user_id = make_user(app, role, username, engineer_id).user_id

    def issue(uow: UnitOfWork) -> str:
        return issue_token(uow, uow.session.get(User, user_id), ttl_s=20 * 365 * 86400).token

    return {"Authorization": f"Bearer {run(app, issue)}"}


@contextmanager
def gunicorn_server(database_url: str, workers: int = 2, threads: int = 8) -> Iterator[str]:
    """The real app under gunicorn on a free local port; yields its base URL and stops it after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "FIXROUTE_DATABASE_URL": database_url, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FIXROUTE_REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads), "-b",
         f"127.0.0.1:{port}", "--graceful-timeout", "5", "--log-level", "warning", "app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def http_json(base: str, method: str, path: str, headers: dict[str, str],
              body: Any = None) -> tuple[int, str, Any]:
    """One request on its own connection: (status, content type, decoded JSON body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={**headers, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get_content_type(), json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers.get_content_type(), json.loads(refused.read() or b"null")


def stock_van(app: Any, engineer_id: int, stock: dict[str, int], returnable: tuple[str, ...] = ()) -> int:
    """The engineer's van (made if missing) holding ``stock`` {sku: qty}; parts are added to the
    catalog when new, returnable when named in ``returnable``. Returns the van's id."""
    van_id = make_van(app, engineer_id)
    for sku, qty in stock.items():
        if run(app, lambda uow, sku=sku: catalog.find_part(uow, sku)) is None:
            make_part(app, sku, returnable=sku in returnable)
        put_stock(app, van_id, sku, qty)
    return van_id


def seed_stock_activity(uow: UnitOfWork, day: Any) -> None:
    """On top of the demo company: a reservation on a pick list, and a returnable part consumed
    (so a faulty return exists), so the fuzzer's id routes reach real records."""
    from sqlalchemy import select

    from spareparts.catalog.models import Part
    from spareparts.ledger.models import StockBalance
    from spareparts.reservations import service as reservations
    from spareparts.stock import movements
    from workorders.orders.models import WorkOrder

    van = uow.session.scalars(select(StockLocation).where(StockLocation.kind == LocationKind.VAN)
                              .order_by(StockLocation.id)).first()
    job = uow.session.scalars(select(WorkOrder).order_by(WorkOrder.id)).first()
    part = uow.session.scalars(select(Part).where(Part.serialized.is_(False), Part.returnable.is_(True))
                               .order_by(Part.id)).first()
    warehouse = van.supplying_warehouse_id
    reservations.reserve(uow, None, work_order_id=job.id, sku=part.sku, location_id=warehouse, qty=1,
                         engineer_id=van.engineer_id, needed_on=day)
    in_van = uow.session.scalar(select(StockBalance.id).where(StockBalance.location_id == van.id,
                                                              StockBalance.part_id == part.id))
    line = [{"sku": part.sku, "qty": 1}]
    if in_van is None:
        movements.record_movement(uow, None, {"kind": "transfer", "from_location_id": warehouse,
                                              "to_location_id": van.id, "lines": line})
    movements.record_movement(uow, None, {"kind": "consume", "work_order_id": job.id,
                                          "from_location_id": van.id, "lines": line})
