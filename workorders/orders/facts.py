"""What the other domain packages may know of a work order, through the ports ``app.py``
provides (``core.readers``): spare parts books a movement or a reservation against a job and
needs to know that it exists, whose it is and whether it still takes parts. The lifecycle's
states stay in here: "open" is decided by this package, and the status is only shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.db import UnitOfWork
from workorders.lifecycle import FINISHED, Status
from workorders.orders.models import WorkOrder

LARGEST_ID = 2**31 - 1


@dataclass(frozen=True)
class WorkOrderFacts:
    id: int
    number: str
    engineer_id: int | None
    status: str  # as the API shows it, for a refusal's message
    open: bool  # still takes parts and reservations (not completed, closed or cancelled)


def work_order_facts(uow: UnitOfWork, work_order_id: int) -> WorkOrderFacts | None:
    """The job's facts, or None when there is no such job."""
    if not 0 < work_order_id <= LARGEST_ID:
        return None
    row = uow.session.execute(select(WorkOrder.id, WorkOrder.number, WorkOrder.engineer_id, WorkOrder.status)
                              .where(WorkOrder.id == work_order_id)).first()
    if row is None:
        return None
    status = Status(row.status)
    return WorkOrderFacts(row.id, row.number, row.engineer_id, status.value, status not in FINISHED)
