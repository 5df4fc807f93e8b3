"""Opening a visit: a new work order from a converted request or a complaint's return visit.

With an appointment window already agreed, the job starts out ``scheduled`` (the move is
recorded and announced like any other), so nobody has to move it from ``new`` by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from core.auth import Actor
from core.db import UnitOfWork
from workorders.events import WorkOrderStatusChanged
from workorders.lifecycle import Status
from workorders.numbering import next_number
from workorders.orders.models import PartNeeded, RequiredSkill, WorkOrder
from workorders.parts_catalog import require_known_skus
from workorders.triage import WorkType


@dataclass(frozen=True)
class VisitFor:
    """Who, where and what the visit is for, and where it comes from."""

    customer_id: int
    site_id: int
    asset_id: int | None
    symptom: str | None
    warranty_until: date | None
    service_request_id: int | None = None
    repeat_of_work_order_id: int | None = None


def open_visit(uow: UnitOfWork, actor: Actor, visit: VisitFor, work_type: WorkType, priority: int,
               plan: dict[str, Any]) -> WorkOrder:
    """``plan`` holds the duration, and optionally the window, skills and parts lines."""
    require_known_skus(uow, [line["sku"] for line in plan.get("parts_needed", [])])
    now = uow.now()
    work_order = WorkOrder(
        number=next_number(uow, "WO"), status=Status.NEW, service_request_id=visit.service_request_id,
        customer_id=visit.customer_id, site_id=visit.site_id, asset_id=visit.asset_id, symptom=visit.symptom,
        repeat_of_work_order_id=visit.repeat_of_work_order_id, work_type=work_type, priority=priority,
        estimated_duration_s=plan["estimated_duration_s"], created_at=now, updated_at=now,
        required_skills=[RequiredSkill(**line) for line in plan.get("required_skills", [])],
        parts_needed=[PartNeeded(**line) for line in plan.get("parts_needed", [])],
    )
    if plan.get("window_start") is not None:
        work_order.set_appointment(plan["window_start"], plan["window_end"],
                                   ZoneInfo(uow.settings["TIMEZONE"]), visit.warranty_until)
        work_order.schedule_on_creation(actor, now)
    uow.session.add(work_order)
    uow.session.flush()
    if work_order.status is Status.SCHEDULED:
        uow.publish(WorkOrderStatusChanged(work_order.id, Status.NEW.value, Status.SCHEDULED.value))
    return work_order
