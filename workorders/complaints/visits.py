"""A return visit for a complaint about a visit: a new work order to the same site and asset,
linked from the case, one step more urgent than the visit complained about."""

from __future__ import annotations

from typing import Any

from core.auth import Actor
from core.db import UnitOfWork
from workorders.complaints.models import ComplaintStatus
from workorders.complaints.service import get_complaint
from workorders.customers.models import Asset
from workorders.errors import NoReturnVisit
from workorders.lifecycle import Status
from workorders.orders.models import WorkOrder
from workorders.orders.visits import VisitFor, open_visit
from workorders.triage import HIGHEST_PRIORITY


def open_return_visit(uow: UnitOfWork, actor: Actor, complaint_id: int, changes: dict[str, Any]) -> WorkOrder:
    complaint = get_complaint(uow, complaint_id)
    if complaint.work_order_id is None or complaint.return_work_order_id is not None \
            or complaint.status is ComplaintStatus.CONFIRMED:
        raise NoReturnVisit(f"Complaint {complaint.number} is not about a visit, already has its return "
                            "visit, or is closed.", current=complaint.status.value)
    visited = uow.session.get(WorkOrder, complaint.work_order_id)
    assert visited is not None  # a foreign key
    if visited.status is Status.CANCELLED:
        raise NoReturnVisit(f"{visited.number} was cancelled: there was no visit to return to.")
    asset = uow.session.get(Asset, visited.asset_id) if visited.asset_id else None
    plan = {"estimated_duration_s": visited.estimated_duration_s,
            "required_skills": [{"skill": s.skill, "min_level": s.min_level}
                                for s in visited.required_skills],
            } | {k: v for k, v in changes.items() if k not in ("work_type", "priority")}
    work_order = open_visit(
        uow, actor,
        VisitFor(visited.customer_id, visited.site_id, visited.asset_id,
                 f"Return visit for complaint {complaint.number}: {complaint.description}",
                 asset.warranty_until if asset else None),
        changes.get("work_type") or visited.work_type,
        changes.get("priority") or max(HIGHEST_PRIORITY, visited.priority - 1), plan)
    complaint.return_work_order_id = work_order.id
    complaint.note_return_visit(work_order.number, actor, uow.now())
    uow.session.flush()
    return work_order
