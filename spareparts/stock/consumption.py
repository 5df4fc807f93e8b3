"""A part the engineer fitted on site, as the work order recorded it: out of the van to the
customer, and for a returnable part the faulty one owed back (collected at once when its
serial came along, or not returned for the reason the engineer gave).

The work order's ``PartUsedRecorded`` brings everything needed (``handlers.on_part_used``):
the job, its engineer and the line as entered. The part is looked up once, here, so an
unknown SKU or a missing serial is refused by the catalog's owner, in the words the parts
endpoint has always used; anything refused rolls the whole request back.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import FieldError, InvalidInput
from spareparts.catalog.models import Part
from spareparts.catalog.service import find_part
from spareparts.errors import InvalidMovement
from spareparts.ledger import service as ledger
from spareparts.ledger.models import Condition, LedgerEntry, MovementKind
from spareparts.ledger.service import Leg
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.locations.service import find_van, virtual_location
from spareparts.reservations import service as reservations
from spareparts.returns import service as returns


@dataclass(frozen=True)
class FittedPart:
    """One parts line of a job on site, with the engineer's word on the faulty part."""

    work_order_id: int
    part_used_id: int
    engineer_id: int | None
    sku: str
    qty: int
    serial: str | None
    faulty_serial: str | None
    not_returned_reason: str | None


def consume_fitted_part(uow: UnitOfWork, actor: Actor, fitted: FittedPart) -> LedgerEntry:
    part = _catalog_part(uow, fitted)
    van = _van_of(uow, fitted)
    customers = virtual_location(uow, LocationKind.CUSTOMER)
    source, target = Leg(van, Condition.GOOD), Leg(customers, Condition.GOOD)
    ledger.lock_in_order(uow.session, [(source, part), (target, part)])
    reservations.settle_for_consumption(uow, fitted.work_order_id, part.id, van.id, fitted.qty)
    entry = ledger.append(uow, actor, kind=MovementKind.CONSUME, part=part, qty=fitted.qty, source=source,
                          target=target, serial=fitted.serial, work_order_id=fitted.work_order_id,
                          reason=f"Parts line {fitted.part_used_id}")
    if part.returnable:
        owed = returns.open_return(uow, entry, van, part_used_id=fitted.part_used_id,
                                   not_returned_reason=fitted.not_returned_reason)
        if fitted.faulty_serial:
            returns.collect(uow, actor, owed, fitted.faulty_serial, customers=customers)
    return entry


def _catalog_part(uow: UnitOfWork, fitted: FittedPart) -> Part:
    part = find_part(uow, fitted.sku)
    if part is None:
        raise InvalidInput("Parts used must be in the catalog.",
                           [FieldError("sku", "No part with this SKU.")])
    if part.serialized and not fitted.serial:
        raise InvalidInput("This part is tracked by serial.",
                           [FieldError("serial", "Give the new part's serial.")])
    ledger.check_quantity(part, fitted.qty, fitted.serial)
    return part


def _van_of(uow: UnitOfWork, fitted: FittedPart) -> StockLocation:
    van = find_van(uow, fitted.engineer_id) if fitted.engineer_id is not None else None
    if van is None:
        raise InvalidMovement(f"Work order {fitted.work_order_id} has no engineer with a van.",
                              [FieldError("from_location_id", "Name the van: the job's engineer has none.")])
    return van
