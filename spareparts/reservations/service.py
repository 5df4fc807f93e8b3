"""Reservations: a quantity of good stock held at a location for a work order.

available = good on hand − active reservations. Holding is the guarded UPDATE in
``ledger.hold``, so concurrent reservations for the last units never oversell. Releasing and
expiring give the hold back; issuing moves the held units from the warehouse into the van.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite

from core.auth import Actor
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from spareparts.catalog.models import Part
from spareparts.catalog.service import part_by_sku
from spareparts.errors import InvalidMovement, ReservationClosed, ReservationNotFound, SerialRequired
from spareparts.ledger import service as ledger
from spareparts.ledger.models import Condition, LedgerEntry, MovementKind, StockBalance
from spareparts.ledger.service import Leg
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.locations.service import find_van, location_by_id
from spareparts.ports import KnownEngineers, WorkOrderFactsById, open_work_order
from spareparts.reservations.models import PickList, Reservation, ReservationStatus

LARGEST_ID = 2**31 - 1


def reserve(uow: UnitOfWork, actor: Actor | None, *, work_order_id: int, sku: str, location_id: int, qty: int,
            engineer_id: int | None = None, needed_on: date | None = None) -> Reservation:
    """Holds ``qty`` good units of ``sku`` at a warehouse or van for a work order.

    A warehouse reservation with an engineer and a day lands on that warehouse's pick list for
    the engineer and day; one at the engineer's own van needs no picking.
    """
    part = part_by_sku(uow, sku)
    location = location_by_id(uow, location_id)
    if not location.physical:
        raise InvalidMovement("Stock is reserved at a warehouse or a van.",
                              [FieldError("location_id", "Not a warehouse or van.")])
    open_work_order(uow, None, work_order_id)
    ledger.check_qty(qty)
    if engineer_id is None and location.kind is LocationKind.VAN:
        engineer_id = location.engineer_id
    if engineer_id is not None and engineer_id not in uow.readers[KnownEngineers](uow, {engineer_id}):
        raise InvalidInput("Unknown engineer.", [FieldError("engineer_id", "No such engineer.")])
    ledger.hold(uow.session, location, part, qty)
    reservation = Reservation(
        work_order_id=work_order_id, part_id=part.id, location_id=location.id, qty=qty,
        status=ReservationStatus.ACTIVE, engineer_id=engineer_id, needed_on=needed_on,
        pick_list_id=_pick_list_id(uow, location, engineer_id, needed_on),
        created_at=uow.now(), created_by_user_id=actor.user_id if actor else None)
    uow.session.add(reservation)
    uow.session.flush()
    return reservation


def _pick_list_id(uow: UnitOfWork, location: StockLocation, engineer_id: int | None,
                  needed_on: date | None) -> int | None:
    if location.kind is not LocationKind.WAREHOUSE or engineer_id is None or needed_on is None:
        return None
    dialect_insert = postgresql.insert if uow.session.bind.dialect.name == "postgresql" else sqlite.insert
    uow.session.execute(dialect_insert(PickList).values(
        warehouse_id=location.id, needed_on=needed_on, engineer_id=engineer_id,
    ).on_conflict_do_nothing(index_elements=["warehouse_id", "needed_on", "engineer_id"]))
    return uow.session.scalar(select(PickList.id).where(
        PickList.warehouse_id == location.id, PickList.needed_on == needed_on,
        PickList.engineer_id == engineer_id))


def _visible(actor: Actor | None, stmt: Any) -> Any:
    """An engineer sees reservations for their own van or made for them."""
    if actor is None or not actor.is_engineer:
        return stmt
    own_van = select(StockLocation.id).where(StockLocation.engineer_id == actor.engineer_id)
    return stmt.where(or_(Reservation.engineer_id == actor.engineer_id, Reservation.location_id.in_(own_van)))


def get_reservation(uow: UnitOfWork, actor: Actor | None, reservation_id: int) -> Reservation:
    stmt = _visible(actor, select(Reservation).where(Reservation.id == reservation_id))
    found = uow.session.scalar(stmt) if 0 < reservation_id <= LARGEST_ID else None
    if found is None:
        raise ReservationNotFound(f"No reservation {reservation_id}.")
    return found


def list_reservations(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Reservation).order_by(Reservation.id)
    for name in ("status", "work_order_id", "location_id", "engineer_id", "needed_on", "pick_list_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(Reservation, name) == filters[name])
    if filters.get("sku"):
        stmt = stmt.where(Reservation.part_id.in_(select(Part.id).where(Part.sku == filters["sku"])))
    return SelectCollection(uow.session, _visible(actor, stmt))


def _active(reservation: Reservation) -> None:
    if not reservation.active:
        raise ReservationClosed(f"Reservation {reservation.id} is {reservation.status.value}.",
                                current=reservation.status.value)


def release(uow: UnitOfWork, actor: Actor | None, reservation_id: int,
            reason: str | None = None) -> Reservation:
    reservation = get_reservation(uow, actor, reservation_id)
    _active(reservation)
    _give_back(uow, reservation, ReservationStatus.RELEASED, reason)
    return reservation


def _give_back(uow: UnitOfWork, reservation: Reservation, status: ReservationStatus,
               reason: str | None) -> None:
    ledger.unhold(uow.session, reservation.location_id, reservation.part_id, reservation.qty)
    reservation.close(status, uow.now(), reason)
    uow.session.flush()


def release_reservations_for_work_order(uow: UnitOfWork, actor: Actor | None, work_order_id: int,
                                        reason: str) -> list[Reservation]:
    """Every ACTIVE reservation of the job is released (issued ones stay issued); idempotent."""
    released = active_reservations_for_work_order(uow, work_order_id)
    for reservation in _in_lock_order(released):
        _give_back(uow, reservation, ReservationStatus.RELEASED, reason)
    return released


def _in_lock_order(held: list[Reservation]) -> list[Reservation]:
    """Balance rows are always locked in one order, so two releases never wait on each other in a
    cycle (a deadlock on PostgreSQL)."""
    return sorted(held, key=lambda r: (r.location_id, r.part_id, r.id))


def active_reservations_for_work_order(uow: UnitOfWork, work_order_id: int) -> list[Reservation]:
    stmt = (select(Reservation).where(Reservation.work_order_id == work_order_id,
                                      Reservation.status == ReservationStatus.ACTIVE)
            .order_by(Reservation.id).with_for_update(of=Reservation))
    return list(uow.session.scalars(stmt))


def settle_for_consumption(uow: UnitOfWork, work_order_id: int, part_id: int, location_id: int,
                           qty: int) -> list[Reservation]:
    """The job's own reservations at the van it fits parts from are what it is using: their holds
    end (as issued) before the units are taken, oldest first, until ``qty`` is covered. Without
    this, a van holding exactly the reserved unit would refuse the very job it was kept for."""
    stmt = (select(Reservation).where(Reservation.work_order_id == work_order_id,
                                      Reservation.part_id == part_id, Reservation.location_id == location_id,
                                      Reservation.status == ReservationStatus.ACTIVE)
            .order_by(Reservation.id).with_for_update(of=Reservation))
    settled, covered = [], 0
    for reservation in uow.session.scalars(stmt).all():
        if covered >= qty:
            break
        _give_back(uow, reservation, ReservationStatus.ISSUED, "Used on the job")
        settled.append(reservation)
        covered += reservation.qty
    return settled


def expire_reservations(uow: UnitOfWork, today: date) -> list[Reservation]:
    """Reservations for a day gone by that were never issued stop holding stock. Safe to run twice."""
    stmt = (select(Reservation).where(Reservation.status == ReservationStatus.ACTIVE,
                                      Reservation.needed_on < today)
            .order_by(Reservation.id).with_for_update(of=Reservation))
    expired = list(uow.session.scalars(stmt))
    for reservation in _in_lock_order(expired):
        _give_back(uow, reservation, ReservationStatus.EXPIRED, f"Not issued by {reservation.needed_on}.")
    return expired


def issue(uow: UnitOfWork, actor: Actor | None, reservation_id: int,
          serials: Iterable[str] | None = None) -> list[LedgerEntry]:
    """Hands the reserved units from the warehouse to the engineer's van (one entry per serial)."""
    reservation = get_reservation(uow, actor, reservation_id)
    _active(reservation)
    source = uow.session.get(StockLocation, reservation.location_id)
    if source.kind is not LocationKind.WAREHOUSE:
        raise InvalidMovement("Only a warehouse reservation is issued; the van already holds its own.",
                              [FieldError("reservation_id", "Reserved at a van.")])
    van = _destination_van(uow, reservation)
    part = uow.session.get(Part, reservation.part_id)
    units = _units(part, reservation.qty, list(serials or []))
    entries = [ledger.append(uow, actor, kind=MovementKind.ISSUE, part=part, qty=qty,
                             source=Leg(source, Condition.GOOD), target=Leg(van, Condition.GOOD),
                             serial=serial, work_order_id=reservation.work_order_id,
                             reservation_id=reservation.id,
                             reason=f"Issued for reservation {reservation.id}")
               for qty, serial in units]
    reservation.close(ReservationStatus.ISSUED, uow.now(), None)
    uow.session.flush()
    return entries


def _destination_van(uow: UnitOfWork, reservation: Reservation) -> StockLocation:
    engineer_id = reservation.engineer_id
    if engineer_id is None:
        facts = uow.readers[WorkOrderFactsById](uow, reservation.work_order_id)
        engineer_id = facts.engineer_id if facts else None
    van = find_van(uow, engineer_id) if engineer_id is not None else None
    if van is None:
        raise InvalidMovement("Nobody's van to issue to: the reservation has no engineer with a van.",
                              [FieldError("engineer_id", "No engineer with a van.")])
    return van


def _units(part: Part, qty: int, serials: list[str]) -> list[tuple[int, str | None]]:
    if not part.serialized:
        if serials:
            raise InvalidInput("This part has no serials.", [FieldError("serials", "Not for this part.")])
        return [(qty, None)]
    if len(serials) != qty or len(set(serials)) != qty:
        raise SerialRequired(
            f"Part {part.sku} is serialized: give {qty} distinct serial(s).",
            [FieldError("serials", f"Exactly {qty} distinct serial(s).")])
    return [(1, serial) for serial in serials]


# --- what planning reads ---------------------------------------------------------------------


def available_quantities(uow: UnitOfWork, skus: Iterable[str]) -> dict[tuple[int, str], int]:
    """(location id, sku) → good on hand − active reservations, for warehouses and vans."""
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    stmt = (select(StockBalance.location_id, Part.sku, StockBalance.on_hand - StockBalance.reserved)
            .join(Part, Part.id == StockBalance.part_id)
            .where(Part.sku.in_(wanted), StockBalance.physical.is_(True),
                   StockBalance.condition == Condition.GOOD))
    return {(location_id, sku): int(qty) for location_id, sku, qty in uow.session.execute(stmt)}

