"""What spare parts needs to know about work orders and engineers, read by table name.

The packages never import each other (STYLE §2); these few read-only columns are all the
ledger needs: does the job exist, whose is it, is it still open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import column, select, table

from core.auth import Actor
from core.db import UnitOfWork
from spareparts.errors import UnknownWorkOrder, WorkOrderClosed

WORK_ORDERS = table("wo_work_order", column("id"), column("engineer_id"), column("status"))
ENGINEERS = table("en_engineer", column("id"))
FINISHED = frozenset({"COMPLETED", "CLOSED", "CANCELLED"})
LARGEST_ID = 2**31 - 1


@dataclass(frozen=True)
class WorkOrderFacts:
    id: int
    engineer_id: int | None
    status: str  # lower-case, as the API shows it

    @property
    def open(self) -> bool:
        return self.status.upper() not in FINISHED


def work_order_facts(uow: UnitOfWork, work_order_id: int) -> WorkOrderFacts | None:
    if not 0 < work_order_id <= LARGEST_ID:
        return None
    row = uow.session.execute(select(WORK_ORDERS.c.id, WORK_ORDERS.c.engineer_id, WORK_ORDERS.c.status)
                              .where(WORK_ORDERS.c.id == work_order_id)).first()
    return None if row is None else WorkOrderFacts(row.id, row.engineer_id, str(row.status).lower())


def work_order_for(uow: UnitOfWork, actor: Actor | None, work_order_id: int,
                   field: str = "work_order_id") -> WorkOrderFacts:
    """The job a movement or reservation names; an engineer may name only their own jobs,
    and another engineer's job answers exactly like a missing one."""
    facts = work_order_facts(uow, work_order_id)
    if facts is None or (actor is not None and actor.is_engineer and facts.engineer_id != actor.engineer_id):
        raise UnknownWorkOrder(work_order_id, field)
    return facts


def open_work_order(uow: UnitOfWork, actor: Actor | None, work_order_id: int) -> WorkOrderFacts:
    facts = work_order_for(uow, actor, work_order_id)
    if not facts.open:
        raise WorkOrderClosed(f"Work order {work_order_id} is {facts.status}; it takes no more parts.",
                              current=facts.status)
    return facts


def engineer_exists(uow: UnitOfWork, engineer_id: int) -> bool:
    return 0 < engineer_id <= LARGEST_ID and uow.session.execute(
        select(ENGINEERS.c.id).where(ENGINEERS.c.id == engineer_id)).first() is not None
