"""What planning reads of work orders and what it does to them.

Dispatch builds a day's problem, re-plans from where everyone is, publishes and tells
customers from these small frozen records, never from ORM rows, so the work-order tables
may change without the planner noticing. Each read is a fixed number of statements
whatever the number of jobs. The two commands go through the lifecycle like any other
move (who may, what it needs, the event row, the events published).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from core.auth import Actor
from core.clock import local_day_bounds
from core.db import UnitOfWork
from workorders.customers.models import Site
from workorders.lifecycle import ENGINEER_HELD, Status
from workorders.orders.models import WorkOrder, WorkOrderEvent
from workorders.orders.service import transition_work_order


@dataclass(frozen=True)
class SkillNeed:
    skill: str
    min_level: int


@dataclass(frozen=True)
class PartNeed:
    sku: str
    qty: int


@dataclass(frozen=True)
class PlanningWorkOrder:
    """A work order as planning, publishing and the customer notices see it."""

    id: int
    number: str
    status: Status
    priority: int
    customer_id: int
    site_id: int
    site_lat: float
    site_lon: float
    window_start: datetime | None
    window_end: datetime | None
    estimated_duration_s: int
    required_skills: tuple[SkillNeed, ...]
    parts_needed: tuple[PartNeed, ...]
    engineer_id: int | None
    planned_start: datetime | None
    planned_end: datetime | None
    repeat_of_work_order_id: int | None = None
    # A repeat repair: the engineer who did the first repair (the optimizer's preferred engineer).
    preferred_engineer_id: int | None = None


@dataclass(frozen=True)
class HeldAssignment:
    """Who holds a job now and when it is planned to start (None when untimed)."""

    engineer_id: int
    planned_start: datetime | None


@dataclass(frozen=True)
class SitePoint:
    site_id: int
    lat: float
    lon: float


def work_orders_of_day(uow: UnitOfWork, service_date: date, tz: ZoneInfo,
                       statuses: Iterable[Status]) -> list[PlanningWorkOrder]:
    """The jobs in ``statuses`` whose window opens on the local ``service_date``, earliest first."""
    start, end = local_day_bounds(service_date, tz)
    return _planning_rows(uow, _with_site().where(
        WorkOrder.status.in_(list(statuses)), WorkOrder.window_start >= start, WorkOrder.window_start < end,
    ).order_by(WorkOrder.window_start, WorkOrder.id))


def work_orders_by_ids(uow: UnitOfWork, work_order_ids: Collection[int]) -> dict[int, PlanningWorkOrder]:
    """The jobs among these ids that exist, by id."""
    if not work_order_ids:
        return {}
    rows = _planning_rows(uow, _with_site().where(WorkOrder.id.in_(list(work_order_ids))))
    return {row.id: row for row in rows}


def work_order_numbers(uow: UnitOfWork, work_order_ids: Collection[int]) -> dict[int, str]:
    if not work_order_ids:
        return {}
    return dict(uow.session.execute(
        select(WorkOrder.id, WorkOrder.number).where(WorkOrder.id.in_(list(work_order_ids)))).all())


def held_assignments(uow: UnitOfWork, work_order_ids: Collection[int]) -> dict[int, HeldAssignment]:
    """Of these jobs, those in an engineer's hands (assigned up to in progress): whose, and when."""
    if not work_order_ids:
        return {}
    rows = uow.session.execute(
        select(WorkOrder.id, WorkOrder.engineer_id, WorkOrder.planned_start)
        .where(WorkOrder.id.in_(list(work_order_ids)), WorkOrder.status.in_(ENGINEER_HELD),
               WorkOrder.engineer_id.is_not(None)))
    return {work_order_id: HeldAssignment(engineer_id, planned_start)
            for work_order_id, engineer_id, planned_start in rows}


def on_site_arrivals(uow: UnitOfWork, work_order_ids: Collection[int]) -> dict[int, datetime]:
    """When each of these jobs last had its engineer arrive on site (jobs never reached: absent)."""
    if not work_order_ids:
        return {}
    rows = uow.session.execute(
        select(WorkOrderEvent.work_order_id, WorkOrderEvent.at)
        .where(WorkOrderEvent.work_order_id.in_(list(work_order_ids)),
               WorkOrderEvent.to_status == Status.ON_SITE)
        .order_by(WorkOrderEvent.at, WorkOrderEvent.id))
    return {work_order_id: at for work_order_id, at in rows}  # the latest arrival wins


def last_completed_sites(uow: UnitOfWork, engineer_ids: Collection[int], since: datetime,
                         until: datetime) -> dict[int, SitePoint]:
    """The site of the job each engineer last completed between ``since`` and ``until`` (inclusive)."""
    if not engineer_ids:
        return {}
    rows = uow.session.execute(
        select(WorkOrder.engineer_id, Site.id, Site.lat, Site.lon)
        .join(WorkOrderEvent, WorkOrderEvent.work_order_id == WorkOrder.id)
        .join(Site, Site.id == WorkOrder.site_id)
        .where(WorkOrder.engineer_id.in_(list(engineer_ids)), WorkOrderEvent.to_status == Status.COMPLETED,
               WorkOrderEvent.at >= since, WorkOrderEvent.at <= until)
        .order_by(WorkOrderEvent.at, WorkOrderEvent.id))
    return {engineer_id: SitePoint(site_id, lat, lon)
            for engineer_id, site_id, lat, lon in rows}  # the latest completion wins


def assign_work_order(uow: UnitOfWork, actor: Actor, work_order_id: int, engineer_id: int,
                      planned_start: datetime | None, planned_end: datetime | None) -> None:
    """A scheduled job goes to the engineer at the planned times (a published plan's stop; both
    times or neither)."""
    transition_work_order(uow, actor, work_order_id, None, Status.ASSIGNED, {
        "engineer_id": engineer_id, "planned_start": planned_start, "planned_end": planned_end})


def unassign_work_order(uow: UnitOfWork, actor: Actor, work_order_id: int, reason: str) -> None:
    """An assigned job goes back to scheduled, free of its engineer and planned times."""
    transition_work_order(uow, actor, work_order_id, None, Status.SCHEDULED, {"reason": reason})


def preferred_engineer(work_order: PlanningWorkOrder, skills_by_engineer: Mapping[int, Mapping[str, int]]
                       ) -> int | None:
    """Whom planning should prefer for a repeat repair, among the engineers who work the day:
    the one who did the first repair, else one of the highest level in the job's skills
    (the lowest id among equals, so plans repeat). Not a repeat repair: nobody."""
    if work_order.repeat_of_work_order_id is None:
        return None
    if work_order.preferred_engineer_id in skills_by_engineer:
        return work_order.preferred_engineer_id
    needs = work_order.required_skills
    levels = {engineer_id: _level_for(skills, needs) for engineer_id, skills in skills_by_engineer.items()
              if all(skills.get(need.skill, 0) >= need.min_level for need in needs)}
    if not levels:
        return None
    return min(levels, key=lambda engineer_id: (-levels[engineer_id], engineer_id))


def _level_for(skills: Mapping[str, int], needs: tuple[SkillNeed, ...]) -> int:
    """An engineer's level for a job: their weakest level among its skills (any skill when it
    names none)."""
    if not needs:
        return max(skills.values(), default=0)
    return min(skills.get(need.skill, 0) for need in needs)


Planned = tuple[WorkOrder, float, float, int | None]


def _with_site() -> Select[Planned]:
    """The job, its site's coordinates, and the engineer of the repair it repeats (if any)."""
    previous = aliased(WorkOrder)
    return (select(WorkOrder, Site.lat, Site.lon, previous.engineer_id)
            .join(Site, Site.id == WorkOrder.site_id)
            .outerjoin(previous, previous.id == WorkOrder.repeat_of_work_order_id))


def _planning_rows(uow: UnitOfWork, stmt: Select[Planned]) -> list[PlanningWorkOrder]:
    """Skills and parts come in one extra statement each (the relationships load ``selectin``)."""
    return [_planning(work_order, lat, lon, first_engineer)
            for work_order, lat, lon, first_engineer in uow.session.execute(stmt)]


def _planning(work_order: WorkOrder, site_lat: float, site_lon: float,
              first_engineer_id: int | None) -> PlanningWorkOrder:
    return PlanningWorkOrder(
        id=work_order.id, number=work_order.number, status=work_order.status, priority=work_order.priority,
        customer_id=work_order.customer_id, site_id=work_order.site_id, site_lat=site_lat, site_lon=site_lon,
        window_start=work_order.window_start, window_end=work_order.window_end,
        estimated_duration_s=work_order.estimated_duration_s,
        required_skills=tuple(SkillNeed(s.skill, s.min_level) for s in work_order.required_skills),
        parts_needed=tuple(PartNeed(p.sku, p.qty) for p in work_order.parts_needed),
        engineer_id=work_order.engineer_id, planned_start=work_order.planned_start,
        planned_end=work_order.planned_end, repeat_of_work_order_id=work_order.repeat_of_work_order_id,
        preferred_engineer_id=first_engineer_id,
    )
