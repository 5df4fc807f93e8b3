"""A hypothesis state machine over receive / transfer / reserve / release / issue / consume /
collect / return / disposition / scrap, on both databases.

After every step: balances equal the ledger sums, no physical stock is negative, reserved never
exceeds good on hand, every consumption of a returnable part has exactly one faulty return, and
the stock matches an independent model of what each successful step should have done (a refusal
for lack of stock must be one the model agrees with).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from core.errors import DomainError
from spareparts.catalog import service as catalog
from spareparts.catalog.models import Part
from spareparts.ledger.models import Condition, LedgerEntry, MovementKind, SerialUnit, StockBalance
from spareparts.locations import service as locations
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.reservations import service as reservations
from spareparts.reservations.models import Reservation, ReservationStatus
from spareparts.returns import service as returns
from spareparts.returns.models import Disposition, FaultyReturn, ReturnStatus
from spareparts.stock import books, movements
from tests.support.databases import empty_tables
from tests.support.engineers import make_engineer
from tests.support.spareparts import run
from tests.support.workorders import make_work_order
from workorders import Status

PARTS = {"PLAIN": (False, False), "RET": (False, True), "SER": (True, True)}  # serialized, returnable
OPENING = 3  # units of each part in every warehouse and van at the start
GOOD, BAD = Condition.GOOD.value, Condition.DEFECTIVE.value
SETTINGS = settings(max_examples=20, stateful_step_count=20, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


@dataclass
class Held:
    location: int
    sku: str
    qty: int
    engineer: int
    job: int


@dataclass
class Owed:
    status: ReturnStatus
    van: int
    sku: str
    qty: int
    warehouse: int | None = None


@dataclass
class Books:
    mismatches: list[Any]
    on_hand: dict[tuple[int, str, str], int]
    reserved: dict[tuple[int, str], int]
    returnable_consumptions: list[int]
    faulty_returns_opened_by: list[int]
    active_reservations: set[int]
    return_statuses: dict[int, ReturnStatus]
    units: dict[str, tuple[int, str]]


def read_books(uow: Any) -> Books:
    _checked, mismatches = books.reconcile(uow.session)
    rows = uow.session.execute(
        select(StockBalance.location_id, Part.sku, StockBalance.condition, StockBalance.on_hand,
               StockBalance.reserved).join(Part, Part.id == StockBalance.part_id)
        .where(StockBalance.physical.is_(True))).all()
    consumed = uow.session.scalars(
        select(LedgerEntry.id).join(Part, Part.id == LedgerEntry.part_id)
        .where(LedgerEntry.kind == MovementKind.CONSUME, Part.returnable.is_(True)).order_by(LedgerEntry.id))
    opened = uow.session.scalars(
        select(FaultyReturn.consume_entry_id).order_by(FaultyReturn.consume_entry_id))
    active = uow.session.scalars(select(Reservation.id).where(Reservation.status == ReservationStatus.ACTIVE))
    statuses = uow.session.execute(select(FaultyReturn.id, FaultyReturn.status)).all()
    units = uow.session.execute(
        select(SerialUnit.serial, SerialUnit.location_id, SerialUnit.condition)
        .join(StockLocation, StockLocation.id == SerialUnit.location_id)
        .where(StockLocation.kind.in_([LocationKind.WAREHOUSE, LocationKind.VAN]))).all()
    return Books(
        mismatches=mismatches,
        on_hand={(loc, sku, Condition(cond).value): held for loc, sku, cond, held, _ in rows if held},
        reserved={(loc, sku): reserved for loc, sku, _, _, reserved in rows if reserved},
        returnable_consumptions=list(consumed), faulty_returns_opened_by=list(opened),
        active_reservations=set(active), return_statuses=dict(statuses),
        units={serial: (loc, Condition(cond).value) for serial, loc, cond in units})


class World:
    """Two warehouses, two engineers with vans and a job each; built fresh for every example."""

    def __init__(self, app: Flask) -> None:
        empty_tables(app.extensions["fixroute"].engine)
        self.engineers = [make_engineer(app, name="Li Wei"), make_engineer(app, name="Wang Fang")]
        self.jobs = [make_work_order(app, Status.IN_PROGRESS, engineer_id=engineer)
                     for engineer in self.engineers]
        self.units: dict[str, tuple[int, str]] = {}  # serial → (location, condition), physical only
        self.warehouses, self.vans = run(app, self.stock_up)

    @staticmethod
    def delivery(tag: str) -> list[dict[str, Any]]:
        return [{"sku": sku, "qty": 1, "serial": f"{sku}-{tag}{n}"} if PARTS[sku][0]
                else {"sku": sku, "qty": OPENING}
                for sku in PARTS for n in range(OPENING if PARTS[sku][0] else 1)]

    def stock_up(self, uow: Any) -> tuple[list[int], list[int]]:
        """Locations, parts and the opening stock, in one transaction (the examples stay fast)."""
        warehouses = [locations.create_location(uow, {"code": code, "name": code, "lat": 22.5, "lon": lon,
                                                      "kind": LocationKind.WAREHOUSE}).id
                      for code, lon in (("WH-A", 114.05), ("WH-B", 113.93))]
        vans = [locations.create_van(uow, engineer, "van", 22.5, 114.0).id for engineer in self.engineers]
        for sku, (serialized, returnable) in PARTS.items():
            catalog.create_part(uow, {"sku": sku, "name": sku, "serialized": serialized,
                                      "returnable": returnable})
        for number, (warehouse, van) in enumerate(zip(warehouses, vans, strict=True)):
            first, second = self.delivery(f"{number}a"), self.delivery(f"{number}b")
            movements.record_movement(uow, None, {"kind": "receive", "to_location_id": warehouse,
                                                  "lines": first})
            movements.record_movement(uow, None, {"kind": "transfer", "from_location_id": warehouse,
                                                  "to_location_id": van, "lines": first})
            movements.record_movement(uow, None, {"kind": "receive", "to_location_id": warehouse,
                                                  "lines": second})
            self.units.update({line["serial"]: (van, GOOD) for line in first if "serial" in line})
            self.units.update({line["serial"]: (warehouse, GOOD) for line in second if "serial" in line})
        return warehouses, vans

    @property
    def physical(self) -> list[int]:
        return self.warehouses + self.vans


def test_the_ledger_keeps_its_invariants_whatever_the_order_of_operations(app: Flask) -> None:
    serials = itertools.count(1)

    class LedgerMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.world = World(app)
            self.on_hand: Counter[tuple[int, str, str]] = Counter(
                {(location, sku, GOOD): OPENING for location in self.world.physical for sku in PARTS})
            self.reserved: Counter[tuple[int, str]] = Counter()
            self.active: dict[int, Held] = {}
            self.owed: dict[int, Owed] = {}
            self.units = dict(self.world.units)

        # --- helpers ---------------------------------------------------------------------

        def attempt(self, work: Any, needed: tuple[int, str, str, int] | None = None, freed: int = 0) -> Any:
            """Runs one use case in its own unit of work; a domain refusal is an answer, not a failure,
            but 'not enough stock' (or no such unit there) must be true of the model too: a serial
            is taken from the model's units at that spot whenever there is one."""
            try:
                return run(app, work)
            except DomainError as refusal:
                assert refusal.code != "serial-in-stock", refusal.detail  # serials are never reused
                if refusal.code in ("insufficient-stock", "serial-not-here") and needed is not None:
                    location, sku, condition, qty = needed
                    held = self.reserved[(location, sku)] - freed if condition == GOOD else 0
                    assert self.on_hand[(location, sku, condition)] - held < qty, refusal.detail
                return None

        def line(self, sku: str, qty: int, at: tuple[int, str] | None = None) -> dict[str, Any]:
            """A serialized unit is one the model knows is ``at`` that spot (else a new serial)."""
            if PARTS[sku][0]:
                return {"sku": sku, "qty": 1, "serial": (self.serials_at(sku, at, 1) or [None])[0]}
            return {"sku": sku, "qty": qty}

        def serials_at(self, sku: str, at: tuple[int, str] | None, count: int) -> list[str]:
            here = sorted(s for s, spot in self.units.items() if s.startswith(f"{sku}-") and spot == at)
            fresh = [f"{sku}-new{next(serials)}" for _ in range(count)]
            return (here + fresh)[:count] if at is not None else fresh

        def place(self, line: dict[str, Any], spot: tuple[int, str] | None) -> None:
            """Where a serialized unit went; None when it left for a virtual place."""
            serial = line.get("serial")
            if serial is None or not PARTS[line["sku"]][0]:
                return
            if spot is None:
                self.units.pop(serial, None)
            else:
                self.units[serial] = spot

        def move(self, source: tuple[int, str, str], target: tuple[int, str, str], qty: int) -> None:
            self.on_hand[source] -= qty
            self.on_hand[target] += qty

        # --- rules -----------------------------------------------------------------------

        @rule(where=st.integers(0, 1), sku=st.sampled_from(sorted(PARTS)), qty=st.integers(1, 4))
        def receive(self, where: int, sku: str, qty: int) -> None:
            warehouse, line = self.world.warehouses[where], self.line(sku, qty)
            if self.attempt(lambda uow: movements.record_movement(uow, None, {
                    "kind": "receive", "to_location_id": warehouse, "lines": [line]})):
                self.on_hand[(warehouse, sku, GOOD)] += line["qty"]
                self.place(line, (warehouse, GOOD))

        @rule(start=st.integers(0, 3), end=st.integers(0, 3), sku=st.sampled_from(sorted(PARTS)),
              qty=st.integers(1, 4), defective=st.booleans())
        def transfer(self, start: int, end: int, sku: str, qty: int, defective: bool) -> None:
            origin, goal = self.world.physical[start], self.world.physical[end]
            condition = BAD if defective else GOOD
            line = self.line(sku, qty, (origin, condition))
            done = self.attempt(lambda uow: movements.record_movement(uow, None, {
                "kind": "transfer", "from_location_id": origin, "to_location_id": goal,
                "condition": condition, "lines": [line]}), (origin, sku, condition, line["qty"]))
            if done:
                self.move((origin, sku, condition), (goal, sku, condition), line["qty"])
                self.place(line, (goal, condition))

        @rule(job=st.integers(0, 1), where=st.integers(0, 3), sku=st.sampled_from(sorted(PARTS)),
              qty=st.integers(1, 3))
        def reserve(self, job: int, where: int, sku: str, qty: int) -> None:
            location, engineer = self.world.physical[where], self.world.engineers[job]
            held = self.attempt(lambda uow: reservations.reserve(
                uow, None, work_order_id=self.world.jobs[job], sku=sku, location_id=location, qty=qty,
                engineer_id=engineer), (location, sku, GOOD, qty))
            if held:
                self.reserved[(location, sku)] += qty
                self.active[held.id] = Held(location, sku, qty, engineer, job)

        @precondition(lambda self: self.active)
        @rule(pick=st.integers(0, 50))
        def release(self, pick: int) -> None:
            held_id = sorted(self.active)[pick % len(self.active)]
            if self.attempt(lambda uow: reservations.release(uow, None, held_id, "test")):
                held = self.active.pop(held_id)
                self.reserved[(held.location, held.sku)] -= held.qty

        @precondition(lambda self: any(h.location in self.world.warehouses for h in self.active.values()))
        @rule(pick=st.integers(0, 50))
        def issue(self, pick: int) -> None:
            candidates = sorted(i for i, h in self.active.items() if h.location in self.world.warehouses)
            held_id = candidates[pick % len(candidates)]
            held = self.active[held_id]
            units = self.serials_at(held.sku, (held.location, GOOD), held.qty) if PARTS[held.sku][0] else None
            if self.attempt(lambda uow: reservations.issue(uow, None, held_id, units)):
                del self.active[held_id]
                van = self.world.vans[self.world.engineers.index(held.engineer)]
                self.reserved[(held.location, held.sku)] -= held.qty
                self.move((held.location, held.sku, GOOD), (van, held.sku, GOOD), held.qty)
                for serial in units or []:
                    self.units[serial] = (van, GOOD)

        @rule(job=st.integers(0, 1), sku=st.sampled_from(sorted(PARTS)), qty=st.integers(1, 2))
        def consume(self, job: int, sku: str, qty: int) -> None:
            """The job's own reservations at the van are settled first (oldest first)."""
            van = self.world.vans[job]
            line = self.line(sku, qty, (van, GOOD))
            settled, covered = [], 0
            for held_id in sorted(self.active):
                held = self.active[held_id]
                if covered < line["qty"] and (held.job, held.location, held.sku) == (job, van, sku):
                    settled.append(held_id)
                    covered += held.qty
            entries = self.attempt(lambda uow: movements.record_movement(uow, None, {
                "kind": "consume", "work_order_id": self.world.jobs[job], "lines": [line]}),
                (van, sku, GOOD, line["qty"]), freed=covered)
            if entries:
                for held_id in settled:
                    self.reserved[(van, sku)] -= self.active.pop(held_id).qty
                self.on_hand[(van, sku, GOOD)] -= line["qty"]
                self.place(line, None)
                if PARTS[sku][1]:
                    opened = run(app, lambda uow: returns.opened_by(uow, entries[0].id))
                    self.owed[opened.id] = Owed(ReturnStatus.EXPECTED, van, sku, line["qty"])

        def old_serial(self, owed_id: int) -> str:
            return f"{self.owed[owed_id].sku}-old{owed_id}"

        def owed_in(self, status: ReturnStatus, pick: int) -> int:
            candidates = sorted(i for i, o in self.owed.items() if o.status is status)
            return candidates[pick % len(candidates)]

        @precondition(lambda self: any(o.status is ReturnStatus.EXPECTED for o in self.owed.values()))
        @rule(pick=st.integers(0, 50))
        def collect(self, pick: int) -> None:
            owed_id = self.owed_in(ReturnStatus.EXPECTED, pick)
            if self.attempt(lambda uow: returns.collect_owed(uow, None, owed_id, self.old_serial(owed_id))):
                owed = self.owed[owed_id]
                owed.status = ReturnStatus.COLLECTED
                self.on_hand[(owed.van, owed.sku, BAD)] += owed.qty
                self.place({"sku": owed.sku, "serial": self.old_serial(owed_id)}, (owed.van, BAD))

        @precondition(lambda self: any(o.status is ReturnStatus.COLLECTED for o in self.owed.values()))
        @rule(pick=st.integers(0, 50), where=st.integers(0, 1))
        def return_to_warehouse(self, pick: int, where: int) -> None:
            owed_id, warehouse = self.owed_in(ReturnStatus.COLLECTED, pick), self.world.warehouses[where]
            if self.attempt(lambda uow: returns.receive(uow, None, owed_id, warehouse)):
                owed = self.owed[owed_id]
                owed.status, owed.warehouse = ReturnStatus.RECEIVED, warehouse
                self.move((owed.van, owed.sku, BAD), (warehouse, owed.sku, BAD), owed.qty)
                self.place({"sku": owed.sku, "serial": self.old_serial(owed_id)}, (warehouse, BAD))

        @precondition(lambda self: any(o.status is ReturnStatus.RECEIVED for o in self.owed.values()))
        @rule(pick=st.integers(0, 50), outcome=st.sampled_from(list(Disposition)))
        def disposition(self, pick: int, outcome: Disposition) -> None:
            owed_id = self.owed_in(ReturnStatus.RECEIVED, pick)
            if self.attempt(lambda uow: returns.disposition(uow, None, owed_id, outcome)):
                owed = self.owed[owed_id]
                owed.status = ReturnStatus.DISPOSITIONED
                self.on_hand[(owed.warehouse, owed.sku, BAD)] -= owed.qty
                if outcome is Disposition.RESTOCK:
                    self.on_hand[(owed.warehouse, owed.sku, GOOD)] += owed.qty
                spot = (owed.warehouse, GOOD) if outcome is Disposition.RESTOCK else None
                self.place({"sku": owed.sku, "serial": self.old_serial(owed_id)}, spot)

        @rule(where=st.integers(0, 3), sku=st.sampled_from(sorted(PARTS)), qty=st.integers(1, 3),
              defective=st.booleans())
        def scrap(self, where: int, sku: str, qty: int, defective: bool) -> None:
            location, condition = self.world.physical[where], BAD if defective else GOOD
            line = self.line(sku, qty, (location, condition))
            if self.attempt(lambda uow: movements.record_movement(uow, None, {
                    "kind": "scrap", "from_location_id": location, "condition": condition, "lines": [line]}),
                    (location, sku, condition, line["qty"])):
                self.on_hand[(location, sku, condition)] -= line["qty"]
                self.place(line, None)

        # --- invariants ------------------------------------------------------------------

        @invariant()
        def the_books_hold(self) -> None:
            """One read of everything the invariants need, in one transaction."""
            books = run(app, read_books)
            assert books.mismatches == []
            assert books.on_hand == {k: v for k, v in self.on_hand.items() if v}
            assert books.reserved == {k: v for k, v in self.reserved.items() if v}
            assert all(reserved <= on_hand for (loc, sku, cond), on_hand in books.on_hand.items()
                       if cond == GOOD for reserved in [books.reserved.get((loc, sku), 0)])
            assert books.returnable_consumptions == books.faulty_returns_opened_by
            assert books.active_reservations == set(self.active)
            assert books.return_statuses == {i: o.status for i, o in self.owed.items()}
            assert books.units == self.units

    run_state_machine_as_test(LedgerMachine, settings=SETTINGS)
