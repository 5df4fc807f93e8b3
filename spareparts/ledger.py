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

from sqlalchemy import DDL, and_, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import FieldError
from spareparts.errors import InsufficientStock, InvalidQuantity, SerialRequired
from spareparts.models import (
    Condition,
    LedgerEntry,
    MovementKind,
    Part,
    Reservation,
    ReservationStatus,
    StockBalance,
    StockLocation,
)

MAX_QTY = 100_000

# --- the database refuses to rewrite history (PostgreSQL) ----------------------------------

REFUSE_FUNCTION = DDL(
    "CREATE OR REPLACE FUNCTION sp_ledger_entry_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $body$ BEGIN "
    "RAISE EXCEPTION USING MESSAGE = 'sp_ledger_entry is append-only: ' || TG_OP || ' refused', "
    "ERRCODE = 'insufficient_privilege'; "
    "END $body$"
)
REFUSE_TRIGGER = DDL(
    "CREATE TRIGGER sp_ledger_entry_append_only BEFORE UPDATE OR DELETE ON sp_ledger_entry "
    "FOR EACH ROW EXECUTE FUNCTION sp_ledger_entry_refuse_change()"
)
# Attached to the table so ``create_all`` (the tests' schema) gets it as the migration does.
event.listen(LedgerEntry.__table__, "after_create", REFUSE_FUNCTION.execute_if(dialect="postgresql"))
event.listen(LedgerEntry.__table__, "after_create", REFUSE_TRIGGER.execute_if(dialect="postgresql"))


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
    reservation: Reservation | None = None,
    reason: str | None = None,
) -> LedgerEntry:
    """Takes from ``source`` (refusing to oversell a physical one), puts into ``target``, records it.

    With ``reservation``, the units taken are the ones that reservation holds.
    """
    check_quantity(part, qty, serial)
    lock_in_order(uow.session, [(source, part), (target, part)])
    take(uow.session, source, part, qty, reserved_by=reservation)
    put(uow.session, target, part, qty)
    entry = LedgerEntry(
        kind=kind, part_id=part.id, qty=qty, from_location_id=source.location.id,
        to_location_id=target.location.id, condition=source.condition, to_condition=target.condition,
        serial=serial, work_order_id=work_order_id, reservation_id=reservation.id if reservation else None,
        actor_user_id=actor.user_id if actor else None, reason=reason, at=uow.now())
    uow.session.add(entry)
    uow.session.flush()
    return entry


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


def take(session: Session, source: Leg, part: Part, qty: int, reserved_by: Reservation | None = None) -> None:
    location, condition = source.location, source.condition
    ensure_balance(session, location, part, condition)
    stmt = update(StockBalance).where(_key(location, part, condition))
    if reserved_by is not None:
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


# --- reconciliation: balances equal the ledger ---------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    location_id: int
    part_id: int
    condition: str
    balance_on_hand: int
    ledger_on_hand: int
    balance_reserved: int
    active_reserved: int
    problem: str


def ledger_sums(session: Session) -> dict[tuple[int, int, str], int]:
    sums: dict[tuple[int, int, str], int] = {}
    outflows = select(LedgerEntry.from_location_id, LedgerEntry.part_id, LedgerEntry.condition,
                      func.sum(LedgerEntry.qty)).group_by(
        LedgerEntry.from_location_id, LedgerEntry.part_id, LedgerEntry.condition)
    inflows = select(LedgerEntry.to_location_id, LedgerEntry.part_id, LedgerEntry.to_condition,
                     func.sum(LedgerEntry.qty)).group_by(
        LedgerEntry.to_location_id, LedgerEntry.part_id, LedgerEntry.to_condition)
    for sign, stmt in ((-1, outflows), (1, inflows)):
        for location_id, part_id, condition, total in session.execute(stmt):
            key = (location_id, part_id, Condition(condition).value)
            sums[key] = sums.get(key, 0) + sign * int(total)
    return sums


def active_holds(session: Session) -> dict[tuple[int, int], int]:
    stmt = (select(Reservation.location_id, Reservation.part_id, func.sum(Reservation.qty))
            .where(Reservation.status == ReservationStatus.ACTIVE)
            .group_by(Reservation.location_id, Reservation.part_id))
    return {(loc, part): int(total) for loc, part, total in session.execute(stmt)}


def reconcile(session: Session) -> tuple[int, list[Mismatch]]:
    """Every balance against the sum of its ledger entries and its active reservations.

    Returns how many balances were checked and each one that disagrees (or is negative where
    stock is physical). An empty list means the books are straight.
    """
    sums, holds = ledger_sums(session), active_holds(session)
    rows = session.execute(select(StockBalance.location_id, StockBalance.part_id, StockBalance.condition,
                                  StockBalance.on_hand, StockBalance.reserved, StockBalance.physical)).all()
    found, seen = [], set()
    for location_id, part_id, condition, on_hand, reserved, physical in rows:
        key = (location_id, part_id, Condition(condition).value)
        seen.add(key)
        held = holds.get((location_id, part_id), 0) if key[2] == Condition.GOOD.value else 0
        problem = _problem(on_hand, sums.get(key, 0), reserved, held, physical)
        if problem:
            found.append(Mismatch(location_id, part_id, key[2], on_hand, sums.get(key, 0), reserved, held,
                                  problem))
    for key, total in sums.items():
        if key not in seen and total != 0:
            found.append(Mismatch(key[0], key[1], key[2], 0, total, 0, 0,
                                  "no balance row for ledger entries"))
    return len(rows), found


def _problem(on_hand: int, ledger: int, reserved: int, held: int, physical: bool) -> str | None:
    if on_hand != ledger:
        return "on hand differs from the ledger"
    if reserved != held:
        return "reserved differs from the active reservations"
    if physical and (on_hand < 0 or reserved > on_hand):
        return "physical stock below zero or below what is reserved"
    return None
