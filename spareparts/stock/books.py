"""The books check: every balance equals the sum of its ledger entries, and what it reserves
equals its active reservations (a test after every stock test, and a nightly job, run it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.db import UnitOfWork
from spareparts.ledger.models import Condition, LedgerEntry, StockBalance
from spareparts.reservations.models import Reservation, ReservationStatus


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


def check_books(uow: UnitOfWork) -> dict[str, Any]:
    """The books check as the API and the ``flask stock check`` command report it."""
    checked, mismatches = reconcile(uow.session)
    return {"ok": not mismatches, "balances_checked": checked, "mismatches": [asdict(m) for m in mismatches]}
