"""A job's parts sheet: the parts it needs, the parts the engineer fitted, and for each fitted
part what became of the faulty one it replaced.

The faulty part is spare parts' record (one owner per fact): the engineer's word on it
travels in ``PartUsedRecorded``, and the sheet reads it back through the
``FaultyPartsOfWorkOrder`` port, one statement per job whatever the number of lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import Forbidden
from workorders.errors import WorkOrderLocked
from workorders.events import PartUsedRecorded
from workorders.lifecycle import Status
from workorders.orders.models import PartNeeded, PartUsed, WorkOrder
from workorders.orders.service import get_work_order
from workorders.ports import FaultyPartFacts, FaultyPartsOfWorkOrder

ON_SITE_STATES = frozenset({Status.ON_SITE, Status.IN_PROGRESS})
# A faulty part collected without a serial still counts as back; the phone and the office read
# a non-empty ``faulty_serial`` as "the faulty part is back", as the sheet has always shown it.
COLLECTED_WITHOUT_SERIAL = "no-serial"


@dataclass(frozen=True)
class PartUsedLine:
    id: int
    sku: str
    qty: int
    serial: str | None
    returnable: bool  # the part owes its faulty one back
    faulty_serial: str | None
    faulty_missing_reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class PartsSheet:
    id: int
    version: int
    parts_needed: list[PartNeeded]
    parts_used: list[PartUsedLine]
    no_parts_used: bool


def on_site_by_engineer(actor: Actor, work_order: WorkOrder, what: str) -> None:
    if not actor.is_engineer:
        raise Forbidden(f"The engineer on the job records {what}.")
    if work_order.status not in ON_SITE_STATES:
        raise WorkOrderLocked(f"{what.capitalize()} are recorded on site, "
                              f"not while {work_order.status.value}.", current=work_order.status.value)


def get_parts(uow: UnitOfWork, actor: Actor, work_order_id: int) -> PartsSheet:
    return parts_sheet(uow, get_work_order(uow, actor, work_order_id))


def record_part_used(uow: UnitOfWork, actor: Actor, work_order_id: int, line: dict[str, Any],
                     expected_version: int | None = None) -> PartsSheet:
    """A part fitted from the van (or, explicitly, none). Spare parts books it out of the van in
    the same transaction and refuses a SKU it does not know or a missing serial: no stock, no
    record."""
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    on_site_by_engineer(actor, work_order, "parts used")
    if line.get("no_parts_used"):
        work_order.no_parts_used = True
        work_order.touch(uow.now())
        uow.session.flush()
        return parts_sheet(uow, work_order)
    used = work_order.use_part(line["sku"], line["qty"], line.get("serial"), actor, uow.now())
    uow.session.flush()
    uow.publish(PartUsedRecorded(
        work_order.id, used.id, work_order.engineer_id, actor.user_id, used.sku, used.qty, used.serial,
        line.get("faulty_serial"), line.get("faulty_missing_reason")))
    return parts_sheet(uow, work_order)


def parts_sheet(uow: UnitOfWork, work_order: WorkOrder) -> PartsSheet:
    faulty = uow.readers[FaultyPartsOfWorkOrder](uow, work_order.id)
    return PartsSheet(work_order.id, work_order.version, list(work_order.parts_needed),
                      [_line(used, faulty) for used in work_order.parts_used], work_order.no_parts_used)


def _line(used: PartUsed, faulty_parts: Mapping[int, FaultyPartFacts]) -> PartUsedLine:
    faulty = faulty_parts.get(used.id)
    serial = None if faulty is None else (
        faulty.serial or (COLLECTED_WITHOUT_SERIAL if faulty.collected else None))
    return PartUsedLine(used.id, used.sku, used.qty, used.serial, faulty is not None, serial,
                        None if faulty is None else faulty.not_returned_reason, used.recorded_at)
