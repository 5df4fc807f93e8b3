"""Publishing a plan, in one transaction: the day's lock row first, then the work orders and
the parts, then ``PlanPublished`` (the notices package tells the customers whose visit
changed), then the plan states.

Two publishes for one date queue on the ``dp_plan_day`` row (``FOR UPDATE`` on PostgreSQL,
the write lock taken at BEGIN on SQLite). A draft remembers which plan was published when it
was asked for; if another was published since, it is outdated (409) — one of two concurrent
publishes wins, the other is told to re-run. Publishing a published plan changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from core.auth import Actor
from core.db import UnitOfWork
from dispatch.errors import PlanInvalid, PlanNotReady, PlanOutdated
from dispatch.events import PlanPublished, VisitNow
from dispatch.planning import snapshot
from dispatch.planning.builder import DAY_S
from dispatch.planning.diff import PlanDiff, plan_diff
from dispatch.planning.models import Plan, PlanDay, PlanState, RunStatus
from dispatch.planning.parts import LedgerParts, PartSources, allocate, needs_of
from dispatch.planning.service import get_plan
from dispatch.planning.snapshot import seconds_from_midnight
from dispatch.planning.validation import plan_violations
from dispatch.ports import NoticesQueued
from engineers import active_engineer_ids, engineer_names
from workorders import (
    PlanningWorkOrder,
    Status,
    assign_work_order,
    unassign_work_order,
    work_orders_by_ids,
)

REASSIGNABLE = (Status.SCHEDULED, Status.ASSIGNED)


@dataclass
class PublishResult:
    plan: Plan
    diff: PlanDiff
    already_published: bool = False
    notices: int = 0
    reservations: list[Any] = field(default_factory=list)


def publish_plan(uow: UnitOfWork, actor: Actor, plan_id: int, parts: Any = None) -> PublishResult:
    parts = parts or LedgerParts()
    plan = get_plan(uow, plan_id)
    if plan.state is PlanState.PUBLISHED:
        return PublishResult(plan, PlanDiff(), already_published=True)
    if plan.run_status is not RunStatus.DONE:
        raise PlanNotReady(f"Plan {plan_id} is {plan.run_status.value}; only a finished run is published.",
                           run_status=plan.run_status.value)
    day_row = _lock_day(uow, plan)
    uow.session.refresh(plan)
    if plan.state is PlanState.PUBLISHED:  # the same plan, published by the request we queued behind
        return PublishResult(plan, PlanDiff(), already_published=True)
    if plan.state is PlanState.SUPERSEDED or day_row.published_plan_id != plan.base_plan_id:
        raise PlanOutdated(f"Another plan of {plan.service_date.isoformat()} was published after this one "
                           "was made; run the plan again.", published_plan_id=day_row.published_plan_id)
    day = snapshot.load(plan.problem_json or "", plan.matrices or b"")
    _require_valid(day, plan)
    _require_engineers_active(uow, plan)
    diff, before = plan_diff(uow, plan, day)
    result = PublishResult(plan, diff)
    _apply(uow, actor, plan, day, before, parts, result)
    _switch(uow, actor, plan, day_row)
    return result


def _lock_day(uow: UnitOfWork, plan: Plan) -> PlanDay:
    """The date's row, created if missing, locked until this transaction ends."""
    session = uow.session
    dialect_insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    session.execute(dialect_insert(PlanDay.__table__)
                    .values(service_date=plan.service_date, published_plan_id=None, updated_at=uow.now())
                    .on_conflict_do_nothing(index_elements=["service_date"]))
    return session.scalars(select(PlanDay).where(PlanDay.service_date == plan.service_date)
                           .with_for_update().execution_options(populate_existing=True)).one()


def _require_valid(day: snapshot.PlanningDay, plan: Plan) -> None:
    violations = plan_violations(plan, day)
    if violations:
        raise PlanInvalid(f"Plan {plan.id} breaks {len(violations)} hard rule(s); it is not published.",
                          violations=[f"{v.code}: {v.message}" for v in violations[:20]])


def _apply(uow: UnitOfWork, actor: Actor, plan: Plan, day: snapshot.PlanningDay,
           before: dict[int, tuple[int, int]], parts: Any, result: PublishResult) -> None:
    fixed = {s.work_order_id for r in plan.routes for s in r.stops if s.fixed}
    involved = set(before) | {s.work_order_id for r in plan.routes for s in r.stops} \
        | {u.work_order_id for u in plan.unassigned}
    rows = work_orders_by_ids(uow, involved)
    changed_parts: list[tuple[PlanningWorkOrder, int]] = []
    for route in plan.routes:
        for stop in route.stops:
            if stop.work_order_id in fixed:
                continue
            work_order = rows[stop.work_order_id]
            engineer_moved = _assign(uow, actor, work_order, route.engineer_id, day, stop)
            if work_order.parts_needed and (engineer_moved or not parts.active(uow, work_order.id)):
                changed_parts.append((work_order, route.engineer_id))
    for unassigned in plan.unassigned:
        work_order = rows[unassigned.work_order_id]
        if work_order.status is Status.ASSIGNED:
            unassign_work_order(uow, actor, work_order.id, f"Left out by plan {plan.id}")
            if work_order.parts_needed:
                parts.release(uow, actor, work_order.id, f"left out by plan {plan.id}")
    result.reservations = _reserve(uow, actor, plan, changed_parts, parts)
    told = [s.work_order_id for r in plan.routes for s in r.stops if s.work_order_id not in fixed] \
        + [u.work_order_id for u in plan.unassigned]
    now_true = work_orders_by_ids(uow, told)  # read again: the moves above changed them
    uow.publish(PlanPublished(plan.id, plan.service_date, day.timezone,
                              _visits(uow, [now_true[w] for w in told])))
    result.notices = uow.readers[NoticesQueued](uow, plan.id)


def _visits(uow: UnitOfWork, work_orders: list[PlanningWorkOrder]) -> tuple[VisitNow, ...]:
    """Each job as its customer may hear it now: its engineer if it is assigned, else nobody."""
    coming = {w.id: w.engineer_id for w in work_orders if w.status is Status.ASSIGNED}
    names = engineer_names(uow, {e for e in coming.values() if e is not None})
    visits = []
    for work_order in work_orders:
        engineer_id = coming.get(work_order.id)
        visits.append(VisitNow(
            work_order_id=work_order.id, work_order_number=work_order.number,
            customer_id=work_order.customer_id, engineer_id=engineer_id,
            engineer_name=names.get(engineer_id) if engineer_id is not None else None,
            window_start=work_order.window_start, window_end=work_order.window_end,
            planned_arrival=work_order.planned_start))
    return tuple(visits)


def _assign(uow: UnitOfWork, actor: Actor, work_order: PlanningWorkOrder, engineer_id: int,
            day: snapshot.PlanningDay, stop: Any) -> bool:
    """Assigned to the engineer at the planned times; True when the engineer changed."""
    if work_order.status not in REASSIGNABLE:
        raise PlanOutdated(f"{work_order.number} is now {work_order.status.value}; run the plan again.",
                           work_order_id=work_order.id)
    if _changed_since_planned(work_order, day):
        raise PlanOutdated(f"{work_order.number}'s window or duration changed after planning; run the plan "
                           "again.", work_order_id=work_order.id)
    start, end = day.at(stop.start_s), day.at(stop.end_s)
    if (work_order.status is Status.ASSIGNED and work_order.engineer_id == engineer_id
            and work_order.planned_start == start and work_order.planned_end == end):
        return False
    moved = work_order.engineer_id != engineer_id
    if work_order.status is Status.ASSIGNED:
        unassign_work_order(uow, actor, work_order.id, "Re-planned")
    assign_work_order(uow, actor, work_order.id, engineer_id, start, end)
    return moved


def _changed_since_planned(work_order: PlanningWorkOrder, day: snapshot.PlanningDay) -> bool:
    job = day.problem.job(work_order.number)
    assert work_order.window_start is not None and work_order.window_end is not None
    window = (seconds_from_midnight(work_order.window_start, day.service_date, day.timezone),
              seconds_from_midnight(work_order.window_end, day.service_date, day.timezone))
    return (job.window_start_s, job.window_end_s, job.duration_s) != (
        max(0, window[0]), min(DAY_S - 1, window[1]), work_order.estimated_duration_s)


def _require_engineers_active(uow: UnitOfWork, plan: Plan) -> None:
    ids = {r.engineer_id for r in plan.routes}
    gone = sorted(ids - active_engineer_ids(uow, ids))
    if gone:
        names = ", ".join(map(str, gone))
        raise PlanOutdated(f"Engineer(s) {names} no longer take work; run the plan again.", engineer_ids=gone)


def _reserve(uow: UnitOfWork, actor: Actor, plan: Plan, jobs: list[tuple[PlanningWorkOrder, int]],
             parts: Any) -> list[Any]:
    """Each job's parts at the engineer's van if it holds them, else at the van's warehouse
    (for the engineer, on the service date: the morning pick list)."""
    if not jobs:
        return []
    for work_order, _engineer in jobs:
        parts.release(uow, actor, work_order.id, f"re-planned by plan {plan.id}")
    stock = dict(parts.stock(uow, {line.sku for w, _ in jobs for line in w.parts_needed}))
    sources: dict[int, PartSources] = parts.sources(uow, {e for _, e in jobs})
    needs = {w.id: needs_of(w.parts_needed) for w, _ in jobs}
    lines, short = allocate([(w.id, e) for w, e in jobs], needs, sources, stock)
    if short:
        number = next(w.number for w, _ in jobs if w.id == short[0][0])
        raise PlanOutdated(f"{number}: its parts are no longer available to its engineer; run the plan "
                           "again.", work_order_id=short[0][0])
    return [parts.reserve(uow, actor, work_order_id=line.work_order_id, sku=line.sku,
                          location_id=line.location_id, qty=line.qty, engineer_id=line.engineer_id,
                          needed_on=plan.service_date)
            for line in lines]


def _switch(uow: UnitOfWork, actor: Actor, plan: Plan, day_row: PlanDay) -> None:
    now = uow.now()
    if day_row.published_plan_id is not None:
        previous = uow.session.get(Plan, day_row.published_plan_id)
        if previous is not None:
            previous.state, previous.superseded_at = PlanState.SUPERSEDED, now
    plan.state, plan.published_at, plan.published_by_user_id = PlanState.PUBLISHED, now, actor.user_id
    day_row.published_plan_id, day_row.updated_at = plan.id, now + timedelta(0)
    uow.session.flush()
