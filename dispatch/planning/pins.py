"""Pins: the dispatcher fixes a job to an engineer (optionally its start) for a service day.

A pin belongs to the plan's date, so every later run of that date keeps it; a pin the day
cannot honour leaves its job unassigned as ``pinned-conflict`` rather than being ignored.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.auth import Actor
from core.clock import local_date
from core.db import UnitOfWork
from core.errors import FieldError
from dispatch.errors import InvalidPlanRequest, PinNotFound
from dispatch.planning.models import Pin
from dispatch.planning.service import LARGEST_ID, get_plan
from engineers import known_engineer_ids
from workorders import Status, work_orders_by_ids

PINNABLE = (Status.SCHEDULED, Status.ASSIGNED)


def list_pins(uow: UnitOfWork, plan_id: int) -> list[Pin]:
    plan = get_plan(uow, plan_id)
    stmt = select(Pin).where(Pin.service_date == plan.service_date).order_by(Pin.id)
    return list(uow.session.scalars(stmt))


def set_pin(uow: UnitOfWork, actor: Actor, plan_id: int, work_order_id: int, engineer_id: int,
            start_at: datetime | None = None) -> Pin:
    """Creates or replaces the job's pin for the plan's date."""
    plan = get_plan(uow, plan_id)
    tz = ZoneInfo(uow.settings.get("TIMEZONE") or "UTC")
    found = work_orders_by_ids(uow, [work_order_id]) if work_order_id <= LARGEST_ID else {}
    work_order = found.get(work_order_id)
    problems = []
    if work_order is None:
        problems.append(FieldError("work_order_id", "No such work order."))
    elif work_order.window_start is None or local_date(work_order.window_start, tz) != plan.service_date:
        problems.append(FieldError("work_order_id", f"Not a job of {plan.service_date.isoformat()}."))
    elif work_order.status not in PINNABLE:
        problems.append(FieldError("work_order_id", f"The job is {work_order.status.value}; only scheduled "
                                   "or assigned jobs are planned."))
    if engineer_id > LARGEST_ID or not known_engineer_ids(uow, [engineer_id]):
        problems.append(FieldError("engineer_id", "No such engineer."))
    if start_at is not None and local_date(start_at, tz) != plan.service_date:
        problems.append(FieldError("start_at", f"Must be on {plan.service_date.isoformat()}."))
    if problems:
        raise InvalidPlanRequest("The pin cannot be set.", problems)
    pin = uow.session.scalar(select(Pin).where(Pin.service_date == plan.service_date,
                                               Pin.work_order_id == work_order_id))
    if pin is None:
        pin = Pin(service_date=plan.service_date, work_order_id=work_order_id)
        uow.session.add(pin)
    pin.engineer_id, pin.start_at = engineer_id, start_at
    pin.created_at, pin.created_by_user_id = uow.now(), actor.user_id
    uow.session.flush()
    return pin


def remove_pin(uow: UnitOfWork, plan_id: int, work_order_id: int) -> None:
    plan = get_plan(uow, plan_id)
    pin = uow.session.scalar(select(Pin).where(Pin.service_date == plan.service_date,
                                               Pin.work_order_id == work_order_id))
    if pin is None:
        raise PinNotFound(f"No pin for work order {work_order_id} on {plan.service_date.isoformat()}.")
    uow.session.delete(pin)
    uow.session.flush()
