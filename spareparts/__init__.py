"""Spare parts: catalog, stock locations, the append-only ledger, reservations, faulty returns.

The public face: the only names other packages use. Planning (dispatch) reads stock and vans
and reserves parts when it publishes; work orders ask which SKUs exist and what became of
the faulty parts their lines owe through ports that ``app.py`` provides with ``known_skus``
and ``faulty_parts_of_work_order``. Each call flushes, never commits, and runs inside the
caller's unit of work. What it hands back are frozen copies or plain values, never the
package's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.auth import Actor
from core.db import UnitOfWork
from spareparts.catalog.service import create_part, known_skus
from spareparts.errors import InsufficientStock
from spareparts.locations import service as _locations
from spareparts.locations.models import LocationKind
from spareparts.locations.service import create_location
from spareparts.reservations import service as _reservations
from spareparts.reservations.models import Reservation as _Reservation
from spareparts.reservations.service import available_quantities
from spareparts.returns import service as _returns
from spareparts.returns.models import ReturnStatus as _ReturnStatus
from spareparts.stock.movements import record_movement

__all__ = [
    # commands, as the warehouse pages and the demo company use them
    "create_part", "create_location", "record_movement", "LocationKind",
    "FaultyPartFacts",
    "InsufficientStock",
    "ReservationFacts",
    "VanFacts",
    "active_reservations_for_work_order",
    "available_quantities",
    "faulty_parts_of_work_order",
    "known_skus",
    "release_reservations_for_work_order",
    "reserve",
    "van_location_of",
]


@dataclass(frozen=True)
class VanFacts:
    """An engineer's van: where their parts ride, and the warehouse that restocks it."""

    id: int
    engineer_id: int
    supplying_warehouse_id: int | None


@dataclass(frozen=True)
class ReservationFacts:
    """``qty`` units of ``sku`` held at ``location_id`` for a work order."""

    id: int
    work_order_id: int
    sku: str
    location_id: int
    qty: int

    @classmethod
    def of(cls, row: _Reservation) -> ReservationFacts:
        return cls(row.id, row.work_order_id, row.sku, row.location_id, row.qty)


@dataclass(frozen=True)
class FaultyPartFacts:
    """The faulty part a work order's parts line owes back: collected (with its serial when it
    has one), not returned for the engineer's reason, or still expected."""

    part_used_id: int
    collected: bool
    serial: str | None
    not_returned_reason: str | None


def faulty_parts_of_work_order(uow: UnitOfWork, work_order_id: int) -> dict[int, FaultyPartFacts]:
    """By parts line id (only lines of returnable parts owe one), in one statement per job."""
    return {row.part_used_id: FaultyPartFacts(row.part_used_id, row.status is not _ReturnStatus.EXPECTED,
                                              row.old_serial, row.not_returned_reason)
            for row in _returns.owed_by_parts_lines(uow, work_order_id)}


def van_location_of(uow: UnitOfWork, engineer_id: int) -> VanFacts | None:
    """The engineer's van, or None when they have none."""
    van = _locations.find_van(uow, engineer_id)
    return None if van is None else VanFacts(van.id, engineer_id, van.supplying_warehouse_id)


def reserve(uow: UnitOfWork, actor: Actor | None, *, work_order_id: int, sku: str, location_id: int, qty: int,
            engineer_id: int | None = None, needed_on: date | None = None) -> ReservationFacts:
    """Holds good stock for a job (see ``reservations.service.reserve``); 409 when too few."""
    return ReservationFacts.of(_reservations.reserve(
        uow, actor, work_order_id=work_order_id, sku=sku, location_id=location_id, qty=qty,
        engineer_id=engineer_id, needed_on=needed_on))


def release_reservations_for_work_order(uow: UnitOfWork, actor: Actor | None, work_order_id: int,
                                        reason: str) -> list[ReservationFacts]:
    """Gives back every active hold of the job; idempotent."""
    released = _reservations.release_reservations_for_work_order(uow, actor, work_order_id, reason)
    return [ReservationFacts.of(row) for row in released]


def active_reservations_for_work_order(uow: UnitOfWork, work_order_id: int) -> list[ReservationFacts]:
    return [ReservationFacts.of(row) for row in _reservations.active_reservations_for_work_order(
        uow, work_order_id)]
