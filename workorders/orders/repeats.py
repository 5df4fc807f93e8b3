"""Repeat repairs caught at intake: a new fault on an asset whose last visit was completed
within the last 30 days (DESIGN.md §1). The desk warns before converting, the work order
carries the flag, and planning prefers the engineer who did the first repair."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from core.db import UnitOfWork
from workorders.lifecycle import Status
from workorders.orders.history import REPEAT_REPAIR_DAYS
from workorders.orders.models import WorkOrder, WorkOrderEvent

REPEAT_WINDOW = timedelta(days=REPEAT_REPAIR_DAYS)
FINISHED = (Status.COMPLETED, Status.CLOSED)


@dataclass(frozen=True)
class PreviousRepair:
    work_order_id: int
    number: str
    engineer_id: int | None
    completed_at: datetime


def previous_repairs(uow: UnitOfWork, asset_ids: Collection[int], reference: datetime,
                     exclude_work_order_id: int | None = None) -> dict[int, PreviousRepair]:
    """Per asset, its latest visit completed in the 30 days up to ``reference`` (one statement)."""
    if not asset_ids:
        return {}
    stmt = (select(WorkOrder.asset_id, WorkOrder.id, WorkOrder.number, WorkOrder.engineer_id,
                   WorkOrderEvent.at)
            .join(WorkOrderEvent, WorkOrderEvent.work_order_id == WorkOrder.id)
            .where(WorkOrder.asset_id.in_(list(asset_ids)), WorkOrder.status.in_(FINISHED),
                   WorkOrderEvent.to_status == Status.COMPLETED,
                   WorkOrderEvent.at >= reference - REPEAT_WINDOW, WorkOrderEvent.at <= reference)
            .order_by(WorkOrderEvent.at.desc(), WorkOrderEvent.id.desc()))
    if exclude_work_order_id is not None:
        stmt = stmt.where(WorkOrder.id != exclude_work_order_id)
    found: dict[int, PreviousRepair] = {}
    for asset_id, work_order_id, number, engineer_id, at in uow.session.execute(stmt):
        found.setdefault(asset_id, PreviousRepair(work_order_id, number, engineer_id, at))
    return found


def previous_repair(uow: UnitOfWork, asset_id: int | None, reference: datetime) -> PreviousRepair | None:
    if asset_id is None:
        return None
    return previous_repairs(uow, [asset_id], reference).get(asset_id)

