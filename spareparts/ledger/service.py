"""The one way stock changes: append a ledger entry and move its balances in the same transaction.

Every outflow from a physical location is a guarded ``UPDATE … WHERE on_hand - reserved >= qty``
checked by its row count. On PostgreSQL the UPDATE takes the row lock and re-checks the guard
against the committed row a concurrent writer left, so two clerks can never both take the last
unit; on SQLite the transaction already holds the write lock from ``BEGIN IMMEDIATE``. A
``SELECT … FOR UPDATE`` read-check-write would be a plain SELECT on SQLite and oversell there.

There is no update or delete path for ledger rows here or anywhere: a mistake is corrected by
a compensating entry, and on PostgreSQL a trigger refuses UPDATE and DELETE outright.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import FieldError
from spareparts.catalog.models import Part
from spareparts.errors import InsufficientStock, InvalidQuantity, SerialInStock, SerialNotHere, SerialRequired
from spareparts.ledger.models import MAX_QTY, Condition, LedgerEntry, MovementKind, SerialUnit, StockBalance
from spareparts.locations.models import StockLocation


@dataclass(frozen=True)
class Leg:
    """One side of a movement: where, in which condition."""

    location: StockLocation
    condition: Condition


def check_qty(qty: int, field: str = "qty") -> None:
    if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= MAX_QTY:
        raise InvalidQuantity("Quantities are whole numbers from 1.",
                              [FieldError(field, f"Must be between 1 and {MAX_QTY}.")])


def check_quantity(part: Part, qty: int, serial: str | None, prefix: str = "") -> None:
    """A unit of a serialized part moves alone and names its serial."""
    check_qty(qty, prefix + "qty")
    if part.serialized and not serial:
        raise SerialRequired(f"Part {part.sku} is serialized: give the serial of each unit.",
                             [FieldError(prefix + "serial", "Required for a serialized part.")])
    if part.serialized and qty != 1:
        raise InvalidQuantity(f"Part {part.sku} is serialized: one unit per serial.",
                              [FieldError(prefix + "qty", "Must be 1 for a serialized part.")])


def append(
    uow: UnitOfWork,
    actor: Actor | None,
    *,
    kind: MovementKind,
    part: Part,
    qty: int,
    source: Leg,
    target: Leg,
    serial: str | None = None,
    work_order_id: int | None = None,
    reservation_id: int | None = None,
    reason: str | None = None,
) -> LedgerEntry:
    """Takes from ``source`` (refusing to oversell a physical one), puts into ``target``, records it.

    With ``reservation_id``, the units taken are the ones that reservation holds.
    """
    check_quantity(part, qty, serial)
    unit = _unit_leaving(uow.session, part, serial, source) if part.serialized and serial else None
    lock_in_order(uow.session, [(source, part), (target, part)])
    take(uow.session, source, part, qty, held=reservation_id is not None)
    put(uow.session, target, part, qty)
    entry = LedgerEntry(
        kind=kind, part_id=part.id, qty=qty, from_location_id=source.location.id,
        to_location_id=target.location.id, condition=source.condition, to_condition=target.condition,
        serial=serial, work_order_id=work_order_id, reservation_id=reservation_id,
        actor_user_id=actor.user_id if actor else None, reason=reason, at=uow.now())
    uow.session.add(entry)
    uow.session.flush()
    if unit is not None:
        unit.location_id, unit.condition, unit.last_entry_id = target.location.id, target.condition, entry.id
        uow.session.add(unit)
        uow.session.flush()
    return entry


def _unit_leaving(session: Session, part: Part, serial: str, source: Leg) -> SerialUnit:
    """The unit a serial names, checked before anything moves: it leaves only the place it is in,
    and a unit already in stock cannot arrive again from outside (a typo or a duplicate label)."""
    unit = session.scalar(select(SerialUnit).where(SerialUnit.part_id == part.id, SerialUnit.serial == serial)
                          .with_for_update(of=SerialUnit))
    here = unit is not None and (unit.location_id, unit.condition) == (source.location.id, source.condition)
    if source.location.physical and not here:
        raise SerialNotHere(
            f"{part.sku} serial {serial} is not {source.condition.value} at {source.location.code}.",
            sku=part.sku, serial=serial)
    if not source.location.physical and unit is not None and unit.location.physical:
        raise SerialInStock(f"{part.sku} serial {serial} is already in stock at {unit.location.code}.",
                            sku=part.sku, serial=serial)
    if unit is None:
        unit = SerialUnit(part_id=part.id, serial=serial)
    return unit


def ensure_balance(session: Session, location: StockLocation, part: Part, condition: Condition) -> None:
    """The row a guarded UPDATE works on; inserted once, concurrently safe on both backends."""
    dialect_insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(StockBalance).values(
        location_id=location.id, part_id=part.id, condition=condition, physical=location.physical,
        on_hand=0, reserved=0,
    ).on_conflict_do_nothing(index_elements=["location_id", "part_id", "condition"])
    session.execute(stmt)


def _key(location: StockLocation, part: Part, condition: Condition) -> object:
    return and_(StockBalance.location_id == location.id, StockBalance.part_id == part.id,
                StockBalance.condition == condition)


def take(session: Session, source: Leg, part: Part, qty: int, held: bool = False) -> None:
    """Takes ``qty`` from ``source``; ``held`` units are ones a reservation holds there."""
    location, condition = source.location, source.condition
    ensure_balance(session, location, part, condition)
    stmt = update(StockBalance).where(_key(location, part, condition))
    if held:
        stmt = stmt.where(StockBalance.reserved >= qty, StockBalance.on_hand >= qty).values(
            on_hand=StockBalance.on_hand - qty, reserved=StockBalance.reserved - qty)
    elif location.physical:
        stmt = stmt.where(StockBalance.on_hand - StockBalance.reserved >= qty).values(
            on_hand=StockBalance.on_hand - qty)
    else:
        stmt = stmt.values(on_hand=StockBalance.on_hand - qty)
    if session.execute(stmt.execution_options(synchronize_session=False)).rowcount != 1:
        raise _insufficient(session, location, part, condition, qty)


def put(session: Session, target: Leg, part: Part, qty: int) -> None:
    ensure_balance(session, target.location, part, target.condition)
    stmt = (update(StockBalance).where(_key(target.location, part, target.condition))
            .values(on_hand=StockBalance.on_hand + qty).execution_options(synchronize_session=False))
    session.execute(stmt)


def hold(session: Session, location: StockLocation, part: Part, qty: int) -> None:
    """Reserves ``qty`` good units at ``location`` if that many are still available."""
    ensure_balance(session, location, part, Condition.GOOD)
    stmt = (update(StockBalance)
            .where(_key(location, part, Condition.GOOD), StockBalance.on_hand - StockBalance.reserved >= qty)
            .values(reserved=StockBalance.reserved + qty).execution_options(synchronize_session=False))
    if session.execute(stmt).rowcount != 1:
        raise _insufficient(session, location, part, Condition.GOOD, qty)


def unhold(session: Session, location_id: int, part_id: int, qty: int) -> None:
    stmt = (update(StockBalance)
            .where(StockBalance.location_id == location_id, StockBalance.part_id == part_id,
                   StockBalance.condition == Condition.GOOD, StockBalance.reserved >= qty)
            .values(reserved=StockBalance.reserved - qty).execution_options(synchronize_session=False))
    if session.execute(stmt).rowcount != 1:  # pragma: no cover - the CHECK constraints make this impossible
        raise RuntimeError(f"reserved stock of part {part_id} at {location_id} is below {qty}")


def on_hand(session: Session, location: StockLocation, part: Part, condition: Condition) -> int:
    return int(session.scalar(select(StockBalance.on_hand).where(_key(location, part, condition))) or 0)


def available(session: Session, location: StockLocation, part: Part, condition: Condition) -> int:
    row = session.execute(
        select(StockBalance.on_hand, StockBalance.reserved).where(_key(location, part, condition))
    ).first()
    if row is None:
        return 0
    held, reserved = row
    return held - reserved


def _insufficient(session: Session, location: StockLocation, part: Part, condition: Condition,
                  qty: int) -> InsufficientStock:
    left = max(available(session, location, part, condition), 0)
    return InsufficientStock(
        f"Only {left} {condition.value} unit(s) of {part.sku} available at {location.code}; {qty} asked.",
        sku=part.sku, location_id=location.id, available=left, requested=qty)


def lock_in_order(session: Session, legs: Iterable[tuple[Leg, Part]]) -> None:
    """Makes and locks every balance row a movement will touch, in one fixed order (location,
    part, condition), so two movements over the same rows in opposite directions (van → warehouse
    while the warehouse issues to that van) queue instead of deadlocking on PostgreSQL."""
    if session.bind.dialect.name != "postgresql":
        return  # SQLite's transaction holds the database write lock from BEGIN IMMEDIATE
    unique = {(leg.location.id, part.id, leg.condition.value): (leg, part) for leg, part in legs}
    for key in sorted(unique):
        leg, part = unique[key]
        ensure_balance(session, leg.location, part, leg.condition)
        row = select(StockBalance.id).where(_key(leg.location, part, leg.condition))
        session.execute(row.with_for_update())
