"""The faulty-part loop: fitting a returnable part owes the old one back.

expected (opened by the consumption) → collected (customer → van, defective) → received
(van → warehouse, defective) → dispositioned (repair shop, scrap, vendor, or back to good
stock after a test). Each step is a ledger entry, so the part's whereabouts are in the books.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select

from core.auth import Actor
from core.clock import local_date
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError
from spareparts.catalog.models import Part
from spareparts.errors import FaultyReturnNotFound, IllegalReturnStep, InvalidMovement
from spareparts.ledger import service as ledger
from spareparts.ledger.models import Condition, LedgerEntry, MovementKind
from spareparts.ledger.service import Leg
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.locations.service import location_by_id, virtual_location
from spareparts.returns.models import Disposition, FaultyReturn, ReturnStatus

LARGEST_ID = 2**31 - 1
DISPOSITION_TARGET = {Disposition.REFURBISH: LocationKind.REPAIR, Disposition.SCRAP: LocationKind.SCRAP,
                      Disposition.VENDOR: LocationKind.VENDOR}


def today(uow: UnitOfWork) -> date:
    return local_date(uow.now(), ZoneInfo(uow.settings.get("TIMEZONE", "UTC")))


def open_return(uow: UnitOfWork, consumption: LedgerEntry, van: StockLocation, *,
                part_used_id: int | None = None, not_returned_reason: str | None = None) -> FaultyReturn:
    """Called for each consumption of a returnable part: exactly one return per entry.

    Not flushed here: a part collected at once (``collect``) is then written in one INSERT.
    """
    due_days = int(uow.settings.get("FAULTY_RETURN_DUE_DAYS", 7))
    faulty_return = FaultyReturn(
        consume_entry_id=consumption.id, work_order_id=consumption.work_order_id, part_id=consumption.part_id,
        qty=consumption.qty, engineer_id=van.engineer_id, van_id=van.id, new_serial=consumption.serial,
        part_used_id=part_used_id, not_returned_reason=not_returned_reason,
        status=ReturnStatus.EXPECTED, due_on=FaultyReturn.due_after(today(uow), due_days),
        opened_at=uow.now())
    uow.session.add(faulty_return)
    return faulty_return


def _visible(actor: Actor | None, stmt: Any) -> Any:
    if actor is None or not actor.is_engineer:
        return stmt
    return stmt.where(FaultyReturn.engineer_id == actor.engineer_id)


def get_return(uow: UnitOfWork, actor: Actor | None, return_id: int) -> FaultyReturn:
    stmt = _visible(actor, select(FaultyReturn).where(FaultyReturn.id == return_id))
    found = uow.session.scalar(stmt) if 0 < return_id <= LARGEST_ID else None
    if found is None:
        raise FaultyReturnNotFound(f"No faulty return {return_id}.")
    return found


def list_returns(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(FaultyReturn).order_by(FaultyReturn.due_on, FaultyReturn.id)
    for name in ("status", "work_order_id", "engineer_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(FaultyReturn, name) == filters[name])
    if filters.get("overdue") is not None:
        late = and_(FaultyReturn.status.in_((ReturnStatus.EXPECTED, ReturnStatus.COLLECTED)),
                    FaultyReturn.due_on < today(uow))
        stmt = stmt.where(late if filters["overdue"] else ~late)
    if filters.get("sku"):
        stmt = stmt.where(FaultyReturn.part_id.in_(select(Part.id).where(Part.sku == filters["sku"])))
    return SelectCollection(uow.session, _visible(actor, stmt))


def _step(faulty_return: FaultyReturn, expected: ReturnStatus, to: str) -> None:
    if faulty_return.status is not expected:
        raise IllegalReturnStep(
            f"Faulty return {faulty_return.id} is {faulty_return.status.value}; "
            f"it must be {expected.value} to be {to}.", current=faulty_return.status.value)


def collect(uow: UnitOfWork, actor: Actor | None, faulty_return: FaultyReturn, old_serial: str | None,
            reason: str | None = None, customers: StockLocation | None = None) -> LedgerEntry:
    """The engineer takes the faulty part from the customer into the van, as defective stock.

    The work order reads the collection from here (``faulty_parts_of_work_order``): nothing is
    written back to it. ``customers`` is the virtual location, when the caller has it already.
    """
    _step(faulty_return, ReturnStatus.EXPECTED, "collected")
    faulty_return.status, faulty_return.old_serial = ReturnStatus.COLLECTED, old_serial
    faulty_return.collected_at = uow.now()
    part = uow.session.get(Part, faulty_return.part_id)
    van = uow.session.get(StockLocation, faulty_return.van_id)
    entry = ledger.append(uow, actor, kind=MovementKind.COLLECT, part=part, qty=faulty_return.qty,
                          source=Leg(customers or virtual_location(uow, LocationKind.CUSTOMER),
                                     Condition.DEFECTIVE),
                          target=Leg(van, Condition.DEFECTIVE),
                          serial=old_serial if faulty_return.qty == 1 else None,
                          work_order_id=faulty_return.work_order_id, reason=reason or "Faulty part collected")
    uow.session.flush()
    return entry


def collect_owed(uow: UnitOfWork, actor: Actor | None, return_id: int,
                 old_serial: str | None) -> FaultyReturn:
    """Collection recorded on the return itself (the phone's "faulty part collected" tap)."""
    faulty_return = get_return(uow, actor, return_id)
    collect(uow, actor, faulty_return, old_serial)
    return faulty_return


def receive(uow: UnitOfWork, actor: Actor | None, return_id: int, warehouse_id: int) -> FaultyReturn:
    """The warehouse takes the faulty part off the van."""
    faulty_return = get_return(uow, actor, return_id)
    _step(faulty_return, ReturnStatus.COLLECTED, "received")
    warehouse = location_by_id(uow, warehouse_id, "warehouse_id")
    if warehouse.kind is not LocationKind.WAREHOUSE:
        raise InvalidMovement("Faulty parts are received at a warehouse.",
                              [FieldError("warehouse_id", "Not a warehouse.")])
    receive_into(uow, actor, faulty_return, warehouse)
    return faulty_return


def receive_into(uow: UnitOfWork, actor: Actor | None, faulty_return: FaultyReturn,
                 warehouse: StockLocation) -> LedgerEntry:
    part = uow.session.get(Part, faulty_return.part_id)
    van = uow.session.get(StockLocation, faulty_return.van_id)
    entry = ledger.append(uow, actor, kind=MovementKind.RETURN, part=part, qty=faulty_return.qty,
                          source=Leg(van, Condition.DEFECTIVE), target=Leg(warehouse, Condition.DEFECTIVE),
                          serial=_entry_serial(faulty_return), work_order_id=faulty_return.work_order_id,
                          reason=f"Faulty return {faulty_return.id} received")
    faulty_return.status, faulty_return.received_at = ReturnStatus.RECEIVED, uow.now()
    faulty_return.received_at_location_id = warehouse.id
    uow.session.flush()
    return entry


def disposition(uow: UnitOfWork, actor: Actor | None, return_id: int, outcome: Disposition,
                reason: str | None = None) -> FaultyReturn:
    """Refurbish (to the repair shop), scrap, back to the vendor, or restock as good after a test."""
    faulty_return = get_return(uow, actor, return_id)
    _step(faulty_return, ReturnStatus.RECEIVED, "dispositioned")
    part = uow.session.get(Part, faulty_return.part_id)
    warehouse = uow.session.get(StockLocation, faulty_return.received_at_location_id)
    target = (Leg(warehouse, Condition.GOOD) if outcome is Disposition.RESTOCK
              else Leg(virtual_location(uow, DISPOSITION_TARGET[outcome]), Condition.DEFECTIVE))
    ledger.append(uow, actor, kind=MovementKind.DISPOSITION, part=part, qty=faulty_return.qty,
                  source=Leg(warehouse, Condition.DEFECTIVE), target=target,
                  serial=_entry_serial(faulty_return),
                  work_order_id=faulty_return.work_order_id, reason=reason or f"Disposition: {outcome.value}")
    faulty_return.status, faulty_return.disposition = ReturnStatus.DISPOSITIONED, outcome
    faulty_return.dispositioned_at = uow.now()
    uow.session.flush()
    return faulty_return


def _entry_serial(faulty_return: FaultyReturn) -> str | None:
    """A ledger serial names one unit; several faulty units keep their note on the return only."""
    return faulty_return.old_serial if faulty_return.qty == 1 else None


def opened_by(uow: UnitOfWork, consume_entry_id: int) -> FaultyReturn | None:
    return uow.session.scalar(select(FaultyReturn).where(FaultyReturn.consume_entry_id == consume_entry_id))


def expected_for(uow: UnitOfWork, work_order_id: int, part_id: int) -> FaultyReturn | None:
    """The oldest part still owed on this job, for a collection recorded as a plain movement;
    one the engineer said would not come back is taken only when no other is owed."""
    return uow.session.scalar(select(FaultyReturn).where(
        FaultyReturn.work_order_id == work_order_id, FaultyReturn.part_id == part_id,
        FaultyReturn.status == ReturnStatus.EXPECTED,
    ).order_by(FaultyReturn.not_returned_reason.is_not(None), FaultyReturn.id).limit(1))


def owed_by_parts_lines(uow: UnitOfWork, work_order_id: int) -> list[Any]:
    """The job's returns opened from its parts lines, one statement for the whole job."""
    return list(uow.session.execute(
        select(FaultyReturn.part_used_id, FaultyReturn.status, FaultyReturn.old_serial,
               FaultyReturn.not_returned_reason)
        .where(FaultyReturn.work_order_id == work_order_id, FaultyReturn.part_used_id.is_not(None))))


def collected_on_van(uow: UnitOfWork, van_id: int, part_id: int, serial: str | None) -> FaultyReturn | None:
    """The collected return a van → warehouse movement brings back: by serial, else the oldest."""
    stmt = select(FaultyReturn).where(FaultyReturn.van_id == van_id, FaultyReturn.part_id == part_id,
                                      FaultyReturn.status == ReturnStatus.COLLECTED)
    if serial:
        stmt = stmt.where(FaultyReturn.old_serial == serial)
    return uow.session.scalar(stmt.order_by(FaultyReturn.id).limit(1))


def compliance(uow: UnitOfWork) -> dict[str, Any]:
    """Of the returns due before today, the share back at a warehouse by their (local) due day."""
    day, tz = today(uow), ZoneInfo(uow.settings.get("TIMEZONE", "UTC"))
    rows = uow.session.execute(select(FaultyReturn.due_on, FaultyReturn.received_at, FaultyReturn.status)
                               .where(FaultyReturn.due_on < day)).all()
    on_time = sum(1 for due_on, received_at, _ in rows
                  if received_at is not None and local_date(received_at, tz) <= due_on)
    overdue = sum(1 for _, _, status in rows if status in (ReturnStatus.EXPECTED, ReturnStatus.COLLECTED))
    still_open = uow.session.scalar(select(func.count()).select_from(FaultyReturn).where(
        FaultyReturn.status.in_((ReturnStatus.EXPECTED, ReturnStatus.COLLECTED))))
    return {"as_of": day, "due": len(rows), "returned_on_time": on_time, "overdue": overdue,
            "open": int(still_open or 0),
            "compliance_pct": round(100.0 * on_time / len(rows), 1) if rows else 100.0}
