"""Use cases on plans: ask for one (a day or a re-plan), read it, cancel it. Solving happens
elsewhere (``planning.runs``), off the request; what a run writes is in ``planning.recording``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.auth import Actor
from core.clock import local_date
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError
from dispatch.errors import InvalidPlanRequest, PlanFinished, PlanNotFound
from dispatch.planning.models import Plan, PlanDay, PlanKind, PlanState, RunStatus
from engineers import known_engineer_ids

LARGEST_ID = 2**31 - 1


def request_plan(uow: UnitOfWork, actor: Actor | None, service_date: date, time_limit_s: float | None = None,
                 territory: str | None = None) -> Plan:
    """A queued draft for the date; the runner solves it. Pins of the date apply to every run."""
    return _queued(uow, actor, PlanKind.DAY, service_date, time_limit_s, territory=territory)


def request_replan(uow: UnitOfWork, actor: Actor, service_date: date, now: datetime,
                   unavailable_engineer_ids: Iterable[int] = (), time_limit_s: float | None = None) -> Plan:
    """Today again from ``now``: a draft to compare with (and replace) the published plan."""
    if local_date(now, ZoneInfo(uow.settings.get("TIMEZONE") or "UTC")) != service_date:
        raise InvalidPlanRequest("A re-plan starts on its own day.", [FieldError(
            "now", f"Must be a moment of {service_date.isoformat()} (service timezone).")])
    unavailable = sorted(set(unavailable_engineer_ids))
    known = known_engineer_ids(uow, unavailable)
    unknown = [e for e in unavailable if e not in known]
    if unknown:
        raise InvalidPlanRequest("Unknown engineers.", [FieldError(
            "unavailable_engineers", f"No engineer {', '.join(map(str, unknown))}.")])
    return _queued(uow, actor, PlanKind.REPLAN, service_date, time_limit_s, now=now,
                   unavailable=unavailable)


def _queued(uow: UnitOfWork, actor: Actor | None, kind: PlanKind, service_date: date,
            time_limit_s: float | None, territory: str | None = None, now: datetime | None = None,
            unavailable: list[int] | None = None) -> Plan:
    limit = float(time_limit_s if time_limit_s is not None else uow.settings.get("PLAN_TIME_LIMIT_S", 30.0))
    most = float(uow.settings.get("PLAN_MAX_TIME_LIMIT_S") or 600.0)
    if not 0 < limit <= most:
        raise InvalidPlanRequest("The time limit is out of range.",
                                 [FieldError("time_limit_s", f"Between 0 and {most:g} seconds.")])
    plan = Plan(service_date=service_date, territory=territory, kind=kind, state=PlanState.DRAFT,
                run_status=RunStatus.QUEUED, time_limit_s=limit, replan_now=now,
                unavailable_engineer_ids=",".join(map(str, unavailable or [])) or None,
                base_plan_id=published_plan_id(uow, service_date),
                requested_by_user_id=actor.user_id if actor else None, created_at=uow.now(),
                elapsed_s=0.0, served=0, job_count=0, engineer_count=0, travel_s=0, distance_m=0,
                overtime_s=0)
    uow.session.add(plan)
    uow.session.flush()
    return plan


def published_plan_id(uow: UnitOfWork, service_date: date) -> int | None:
    return uow.session.scalar(select(PlanDay.published_plan_id).where(PlanDay.service_date == service_date))


def get_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    plan = uow.session.get(Plan, plan_id) if plan_id <= LARGEST_ID else None
    if plan is None:
        raise PlanNotFound(f"No plan {plan_id}.")
    return plan


def list_plans(uow: UnitOfWork, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Plan).order_by(Plan.id.desc())
    for name in ("service_date", "state", "run_status", "kind"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(Plan, name) == filters[name])
    return SelectCollection(uow.session, stmt)


def cancel_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    """Queued or running: it stops (the worker sees it and ends its search); finished: 409."""
    plan = locked_plan(uow, plan_id)
    if plan.finished:
        raise PlanFinished(f"Plan {plan_id} already finished ({plan.run_status.value}).",
                           run_status=plan.run_status.value)
    plan.run_status = RunStatus.CANCELLED
    plan.finished_at = uow.now()
    uow.session.flush()
    return plan


def locked_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    """The plan, read again under a row lock (a cancel and the worker's writes take turns)."""
    get_plan(uow, plan_id)
    return uow.session.scalars(select(Plan).where(Plan.id == plan_id).with_for_update()
                               .execution_options(populate_existing=True)).one()
