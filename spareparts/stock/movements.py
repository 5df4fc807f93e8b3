"""Stock movements as the warehouse and the engineers record them, one or many lines at once.

Each kind fixes where stock may come from and go to (DESIGN §2): receive (supplier →
warehouse), transfer (warehouse ⇄ warehouse / van), adjust (a count), scrap, consume (van →
customer on a work order), collect (customer → van, defective), return (van → warehouse,
defective), disposition (defective → repair, scrap, vendor, or back to good after a test).
A movement is all or nothing: its lines run inside a savepoint, so a refusal on line three
leaves no trace of lines one and two, whoever the caller is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import FieldError, Forbidden, InvalidInput
from spareparts.catalog.models import Part
from spareparts.catalog.service import part_by_sku
from spareparts.errors import InvalidMovement, UnknownLocation
from spareparts.ledger import service as ledger
from spareparts.ledger.models import Condition, LedgerEntry, MovementKind
from spareparts.ledger.service import Leg
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.locations.service import find_van, location_by_id, virtual_location
from spareparts.ports import WorkOrderFacts, open_work_order, work_order_for
from spareparts.reservations import service as reservations
from spareparts.returns import service as returns
from spareparts.returns.models import Disposition, FaultyReturn, ReturnStatus

K = MovementKind
ENGINEER_KINDS = frozenset({K.CONSUME, K.COLLECT})
WORK_ORDER_KINDS = frozenset({K.CONSUME, K.COLLECT})


@dataclass(frozen=True)
class Line:
    part: Part
    qty: int
    serial: str | None


def record_movement(uow: UnitOfWork, actor: Actor | None, movement: dict[str, Any]) -> list[LedgerEntry]:
    kind = MovementKind(movement["kind"])
    if actor is not None and actor.is_engineer and kind not in ENGINEER_KINDS:
        raise Forbidden("Engineers record only parts consumed and faulty parts collected on their jobs.")
    with uow.session.begin_nested():
        work_order = _work_order(uow, actor, kind, movement.get("work_order_id"))
        if kind is K.ADJUST:
            return _adjust(uow, actor, movement)
        source, target = _legs(uow, actor, kind, movement, work_order)
        lines = [_line(uow, number, raw) for number, raw in enumerate(movement["lines"])]
        _lock(uow, [source, target], lines)
        entries = [_apply(uow, actor, kind, line, source, target, movement, work_order) for line in lines]
    return entries


def _work_order(uow: UnitOfWork, actor: Actor | None, kind: MovementKind,
                work_order_id: int | None) -> WorkOrderFacts | None:
    if kind in WORK_ORDER_KINDS and work_order_id is None:
        raise InvalidInput(f"A {kind.value} is recorded on a work order.",
                           [FieldError("work_order_id", "Required for this kind of movement.")])
    if work_order_id is None:
        return None
    if kind is K.CONSUME:
        return open_work_order(uow, actor, work_order_id)
    return work_order_for(uow, actor, work_order_id)


def _line(uow: UnitOfWork, number: int, raw: dict[str, Any]) -> Line:
    part = part_by_sku(uow, raw["sku"], f"lines.{number}.sku")
    qty, serial = raw.get("qty", 1), raw.get("serial")
    ledger.check_quantity(part, qty, serial, f"lines.{number}.")
    return Line(part, qty, serial)


def _location(uow: UnitOfWork, actor: Actor | None, movement: dict[str, Any], name: str) -> StockLocation:
    location_id = movement.get(name)
    if location_id is None:
        raise InvalidInput("A location is missing.",
                           [FieldError(name, "Required for this kind of movement.")])
    location = location_by_id(uow, location_id, name)
    if actor is not None and actor.is_engineer and location.engineer_id != actor.engineer_id:
        raise UnknownLocation(location_id, name)
    return location


def _kind_of(location: StockLocation, allowed: set[LocationKind], name: str) -> StockLocation:
    if location.kind not in allowed:
        raise InvalidMovement(
            f"{location.code} is a {location.kind.value}; this movement needs a "
            + " or ".join(sorted(k.value for k in allowed)) + ".",
            [FieldError(name, "Not allowed for this kind of movement.")])
    return location


def _van_for(uow: UnitOfWork, actor: Actor | None, movement: dict[str, Any], name: str,
             work_order: WorkOrderFacts | None) -> StockLocation:
    """The van named, or by default the van of the engineer on the job."""
    if movement.get(name) is None and work_order is not None:
        van = find_van(uow, work_order.engineer_id) if work_order.engineer_id is not None else None
        if van is None:
            raise InvalidMovement(f"Work order {work_order.id} has no engineer with a van.",
                                  [FieldError(name, "Name the van: the job's engineer has none.")])
        return van
    return _kind_of(_location(uow, actor, movement, name), {LocationKind.VAN}, name)


def _legs(uow: UnitOfWork, actor: Actor | None, kind: MovementKind, movement: dict[str, Any],
          work_order: WorkOrderFacts | None) -> tuple[Leg, Leg]:
    good, defective = Condition.GOOD, Condition.DEFECTIVE
    condition = Condition(movement.get("condition") or good)
    physical = {LocationKind.WAREHOUSE, LocationKind.VAN}
    if kind is K.RECEIVE:
        warehouse = _kind_of(_location(uow, actor, movement, "to_location_id"), {LocationKind.WAREHOUSE},
                             "to_location_id")
        return Leg(virtual_location(uow, LocationKind.SUPPLIER), good), Leg(warehouse, good)
    if kind is K.TRANSFER:
        source = _kind_of(_location(uow, actor, movement, "from_location_id"), physical, "from_location_id")
        target = _kind_of(_location(uow, actor, movement, "to_location_id"), physical, "to_location_id")
        if source.id == target.id:
            raise InvalidMovement("A transfer goes somewhere else.",
                                  [FieldError("to_location_id", "Same as from_location_id.")])
        return Leg(source, condition), Leg(target, condition)
    if kind is K.SCRAP:
        source = _kind_of(_location(uow, actor, movement, "from_location_id"), physical, "from_location_id")
        return Leg(source, condition), Leg(virtual_location(uow, LocationKind.SCRAP), condition)
    if kind is K.CONSUME:
        van = _van_for(uow, actor, movement, "from_location_id", work_order)
        return Leg(van, good), Leg(virtual_location(uow, LocationKind.CUSTOMER), good)
    if kind is K.COLLECT:
        van = _van_for(uow, actor, movement, "to_location_id", work_order)
        return Leg(virtual_location(uow, LocationKind.CUSTOMER), defective), Leg(van, defective)
    if kind is K.RETURN:
        van = _kind_of(_location(uow, actor, movement, "from_location_id"), {LocationKind.VAN},
                       "from_location_id")
        warehouse = _kind_of(_location(uow, actor, movement, "to_location_id"), {LocationKind.WAREHOUSE},
                             "to_location_id")
        return Leg(van, defective), Leg(warehouse, defective)
    if kind is K.DISPOSITION:
        return _disposition_legs(uow, actor, movement)
    raise InvalidMovement(f"Unknown movement kind {kind.value}.", [FieldError("kind", "Unknown.")])


def _disposition_legs(uow: UnitOfWork, actor: Actor | None, movement: dict[str, Any]) -> tuple[Leg, Leg]:
    warehouse = _kind_of(_location(uow, actor, movement, "from_location_id"), {LocationKind.WAREHOUSE},
                         "from_location_id")
    outcome = movement.get("disposition")
    if outcome is None:
        raise InvalidInput("Say what becomes of the defective stock.",
                           [FieldError("disposition", "Required: " + ", ".join(Disposition) + ".")])
    outcome = Disposition(outcome)
    if outcome is Disposition.RESTOCK:
        return Leg(warehouse, Condition.DEFECTIVE), Leg(warehouse, Condition.GOOD)
    target = virtual_location(uow, returns.DISPOSITION_TARGET[outcome])
    return Leg(warehouse, Condition.DEFECTIVE), Leg(target, Condition.DEFECTIVE)


def _lock(uow: UnitOfWork, legs: list[Leg], lines: list[Line]) -> None:
    """All the rows of a multi-line movement up front, in the one lock order."""
    if len(lines) > 1:
        ledger.lock_in_order(uow.session, [(leg, line.part) for leg in legs for line in lines])


def _apply(uow: UnitOfWork, actor: Actor | None, kind: MovementKind, line: Line, source: Leg, target: Leg,
           movement: dict[str, Any], work_order: WorkOrderFacts | None) -> LedgerEntry:
    work_order_id = work_order.id if work_order else None
    reason = movement.get("reason")
    if kind is K.COLLECT and work_order is not None:
        owed = returns.expected_for(uow, work_order.id, line.part.id)
        if owed is not None and owed.qty == line.qty:
            return returns.collect(uow, actor, owed, line.serial, reason)
    if kind is K.RETURN:
        owed = returns.collected_on_van(uow, source.location.id, line.part.id, line.serial)
        if owed is not None and owed.qty == line.qty:
            return returns.receive_into(uow, actor, owed, target.location)
    if kind is K.CONSUME and work_order is not None:
        ledger.lock_in_order(uow.session, [(source, line.part), (target, line.part)])
        reservations.settle_for_consumption(uow, work_order.id, line.part.id, source.location.id, line.qty)
    entry = ledger.append(uow, actor, kind=kind, part=line.part, qty=line.qty, source=source, target=target,
                          serial=line.serial, work_order_id=work_order_id, reason=reason)
    if kind is K.CONSUME and line.part.returnable:
        returns.open_return(uow, entry, source.location)
    if kind is K.DISPOSITION and line.serial:
        _close_matching_return(uow, source.location, line, movement)
    return entry


def _close_matching_return(uow: UnitOfWork, warehouse: StockLocation, line: Line,
                           movement: dict[str, Any]) -> None:
    """A serialized faulty part dispositioned as a plain movement closes its return too."""
    owed = uow.session.scalar(select(FaultyReturn).where(
        FaultyReturn.part_id == line.part.id, FaultyReturn.old_serial == line.serial,
        FaultyReturn.received_at_location_id == warehouse.id, FaultyReturn.status == ReturnStatus.RECEIVED))
    if owed is not None:
        owed.status, owed.disposition = ReturnStatus.DISPOSITIONED, Disposition(movement["disposition"])
        owed.dispositioned_at = uow.now()


def _adjust(uow: UnitOfWork, actor: Actor | None, movement: dict[str, Any]) -> list[LedgerEntry]:
    """A count: each line says how many were counted; the difference is booked against adjustments."""
    location = _kind_of(_location(uow, actor, movement, "location_id"),
                        {LocationKind.WAREHOUSE, LocationKind.VAN}, "location_id")
    condition = Condition(movement.get("condition") or Condition.GOOD)
    adjustments = Leg(virtual_location(uow, LocationKind.ADJUSTMENT), condition)
    here = Leg(location, condition)
    entries = []
    for number, raw in enumerate(movement["lines"]):
        part = part_by_sku(uow, raw["sku"], f"lines.{number}.sku")
        counted = raw.get("counted_qty")
        if counted is None or counted < 0:
            raise InvalidInput("A count line needs counted_qty.",
                               [FieldError(f"lines.{number}.counted_qty", "Required, from 0.")])
        ledger.ensure_balance(uow.session, location, part, condition)
        delta = counted - ledger.on_hand(uow.session, location, part, condition)
        if delta == 0:
            continue
        source, target = (adjustments, here) if delta > 0 else (here, adjustments)
        entries.append(ledger.append(uow, actor, kind=K.ADJUST, part=part, qty=abs(delta), source=source,
                                     target=target, serial=raw.get("serial"),
                                     reason=movement.get("reason") or f"Counted {counted}"))
    return entries
