"""The asset's past visits, as the engineer on a job needs them: what was wrong before, what was
done, and whether this is a repeat repair (DESIGN.md §1: a second fault on the same asset within
30 days is flagged).

The engineer sees other engineers' visits to *this* asset only through this summary — numbers,
dates, symptoms and what was done — never those jobs themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from core.auth import Actor
from core.clock import ensure_utc
from core.db import UnitOfWork
from workorders.customers.models import Asset
from workorders.lifecycle import Status
from workorders.orders.models import WorkOrder, WorkOrderEvent
from workorders.orders.service import get_work_order
from workorders.triage import WorkType

REPEAT_REPAIR_DAYS = 30
HISTORY_LIMIT = 20
FINISHED = (Status.COMPLETED, Status.CLOSED)


@dataclass(frozen=True)
class PastVisit:
    number: str
    status: Status
    work_type: WorkType
    symptom: str | None
    resolution_notes: str | None
    completed_at: datetime | None
    within_repeat_window: bool


@dataclass(frozen=True)
class AssetHistory:
    work_order_id: int
    asset: Asset | None
    repeat_repair: bool
    repeat_window_days: int
    last_repair_at: datetime | None
    visits: list[PastVisit]


def asset_history(uow: UnitOfWork, actor: Actor, work_order_id: int) -> AssetHistory:
    """The job's asset and its other visits, newest first; the job itself is not history."""
    work_order = get_work_order(uow, actor, work_order_id)
    asset = uow.session.get(Asset, work_order.asset_id) if work_order.asset_id else None
    visits = _past_visits(uow, work_order, _reference_time(work_order)) if asset else []
    repairs = [v.completed_at for v in visits if v.completed_at is not None]
    return AssetHistory(
        work_order_id=work_order.id, asset=asset,
        repeat_repair=any(v.within_repeat_window for v in visits),
        repeat_window_days=REPEAT_REPAIR_DAYS,
        last_repair_at=max(repairs) if repairs else None, visits=visits,
    )


def _reference_time(work_order: WorkOrder) -> datetime:
    """"Within 30 days" counts back from when this visit is due, not from when it is read."""
    return work_order.window_start or work_order.created_at


def _past_visits(uow: UnitOfWork, work_order: WorkOrder, reference: datetime) -> list[PastVisit]:
    completed_at = (
        select(WorkOrderEvent.work_order_id, func.max(WorkOrderEvent.at).label("at"))
        .where(WorkOrderEvent.to_status == Status.COMPLETED)
        .group_by(WorkOrderEvent.work_order_id)
        .subquery()
    )
    stmt = (
        select(WorkOrder, completed_at.c.at)
        .outerjoin(completed_at, completed_at.c.work_order_id == WorkOrder.id)
        .where(WorkOrder.asset_id == work_order.asset_id, WorkOrder.id != work_order.id,
               WorkOrder.status != Status.CANCELLED)
        .order_by(WorkOrder.created_at.desc(), WorkOrder.id.desc())
        .limit(HISTORY_LIMIT)
    )
    since = reference - timedelta(days=REPEAT_REPAIR_DAYS)
    return [_visit(other, _aware(at), since, reference) for other, at in uow.session.execute(stmt)]


def _visit(other: WorkOrder, completed_at: datetime | None, since: datetime, until: datetime) -> PastVisit:
    repaired = other.status in FINISHED and completed_at is not None
    return PastVisit(
        number=other.number, status=other.status, work_type=other.work_type, symptom=other.symptom,
        resolution_notes=other.resolution_notes, completed_at=completed_at,
        within_repeat_window=repaired and since <= completed_at <= until,  # type: ignore[operator]
    )


def _aware(moment: datetime | None) -> datetime | None:
    """The aggregate bypasses the column type, so SQLite hands back a naive (UTC) value or text."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return ensure_utc(moment)
