"""Builders for parts, warehouses, vans and stock, written through the real use cases.

``books_balance`` is the invariant every stock test ends with: each balance equals the sum of
its ledger entries, reserved equals the active reservations, and no physical stock is negative.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from core.db import UnitOfWork, unit_of_work
from spareparts import catalog, ledger, locations
from spareparts.ledger import Leg
from spareparts.models import Condition, LocationKind, MovementKind, StockLocation

T = TypeVar("T")
_serial = itertools.count(1)


def run(app: Any, work: Callable[[UnitOfWork], T]) -> T:
    """One unit of work, committed, like a request or a CLI command."""
    rt = app.extensions["fixroute"]
    with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
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
    checked, mismatches = run(app, lambda uow: ledger.reconcile(uow.session))
    assert mismatches == [], mismatches
    return checked > 0


def available_at(app: Any, location_id: int, sku: str) -> int:
    from spareparts.reservations import available_quantities

    return run(app, lambda uow: available_quantities(uow, [sku]).get((location_id, sku), 0))
