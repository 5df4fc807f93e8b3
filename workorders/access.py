"""Who sees what: an engineer sees only the jobs assigned to them and whom those jobs visit.

Anything else answers "not found", so an id reveals nothing about other engineers' work.
The filters are SQL, so lists and single reads obey the same rule.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from core.auth import Actor, Role
from workorders.orders.models import WorkOrder

# Who works where; the role lists the views declare (admin passes every role check).
OFFICE = (Role.DISPATCHER,)
DESK = (Role.AGENT, Role.SUPERVISOR)  # customer service: intake, triage, complaints
INTAKE = OFFICE + DESK  # everyone who takes a customer's call
DESK_LEAD = (Role.SUPERVISOR,)  # assigns the desk's work, takes its escalations


def sees_everything(actor: Actor) -> bool:
    return actor.role is not Role.ENGINEER


def visible_work_orders(stmt: Select[Any], actor: Actor) -> Select[Any]:
    if sees_everything(actor):
        return stmt
    return stmt.where(WorkOrder.engineer_id == actor.engineer_id, WorkOrder.engineer_id.is_not(None))


def visited_column(actor: Actor, column: Any) -> Select[Any]:
    """Ids (customer, site or asset) that the engineer's own jobs visit."""
    return select(column).where(WorkOrder.engineer_id == actor.engineer_id)
