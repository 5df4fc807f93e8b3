"""Use cases on one work order: read, plan, report from the field and move it along."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.auth import Actor
from core.clock import local_day_bounds
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, Forbidden, InvalidInput, PreconditionFailed
from workorders import events
from workorders.access import visible_work_orders
from workorders.customers.models import Asset
from workorders.errors import WorkOrderLocked, WorkOrderNotFound
from workorders.lifecycle import OFFICE_ROLES, Status
from workorders.orders.models import PartNeeded, RequiredSkill, WorkOrder, WorkOrderEvent
from workorders.parts_catalog import require_known_skus
from workorders.ports import FaultyPartsOfWorkOrder, KnownEngineers

PLANNING_FIELDS = frozenset({"work_type", "priority", "estimated_duration_s", "window_start", "window_end",
                             "required_skills", "parts_needed", "symptom"})
REPORT_FIELDS = frozenset({"diagnosis_notes", "resolution_notes", "test_passed", "no_parts_used",
                           "quote_amount", "consent_name"})
PLANNABLE = frozenset({Status.NEW, Status.SCHEDULED, Status.ASSIGNED, Status.ON_HOLD})
REPORTABLE = frozenset({Status.EN_ROUTE, Status.ON_SITE, Status.IN_PROGRESS})


def get_work_order(uow: UnitOfWork, actor: Actor, work_order_id: int,
                   expected_version: int | None = None) -> WorkOrder:
    """Another engineer's job is "not found"; a stale ETag is refused before anything changes."""
    stmt = visible_work_orders(select(WorkOrder).where(WorkOrder.id == work_order_id), actor)
    work_order = uow.session.scalar(stmt)
    if work_order is None:
        raise WorkOrderNotFound(f"No work order {work_order_id}.")
    if expected_version is not None and expected_version != work_order.version:
        raise PreconditionFailed(
            f"Work order {work_order.number} is at version {work_order.version}, not {expected_version}; "
            "read it again and retry.")
    return work_order


def list_work_orders(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(WorkOrder).order_by(WorkOrder.id)
    for name in ("status", "engineer_id", "customer_id", "priority"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(WorkOrder, name) == filters[name])
    if filters.get("date") is not None:
        start, end = local_day_bounds(filters["date"], ZoneInfo(uow.settings["TIMEZONE"]))
        stmt = stmt.where(WorkOrder.window_start >= start, WorkOrder.window_start < end)
    return SelectCollection(uow.session, visible_work_orders(stmt, actor))


def list_events(uow: UnitOfWork, actor: Actor, work_order_id: int) -> list[WorkOrderEvent]:
    return list(get_work_order(uow, actor, work_order_id).events)


def update_work_order(uow: UnitOfWork, actor: Actor, work_order_id: int, expected_version: int | None,
                      changes: dict[str, Any]) -> WorkOrder:
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    apply_changes(uow, actor, work_order, changes)
    uow.session.flush()
    return work_order


def apply_changes(uow: UnitOfWork, actor: Actor, work_order: WorkOrder, changes: dict[str, Any]) -> None:
    """The office plans the job; the engineer on it writes the field report. Neither does both."""
    planning = {k: v for k, v in changes.items() if k in PLANNING_FIELDS}
    report = {k: v for k, v in changes.items() if k in REPORT_FIELDS}
    if planning:
        _plan(uow, actor, work_order, planning)
    if report:
        _report(uow, actor, work_order, report)
    if planning or report:
        work_order.touch(uow.now())


def _plan(uow: UnitOfWork, actor: Actor, work_order: WorkOrder, changes: dict[str, Any]) -> None:
    if actor.role not in OFFICE_ROLES:
        raise Forbidden("Only the office plans a job: " + ", ".join(sorted(changes)) + ".")
    if work_order.status not in PLANNABLE:
        raise WorkOrderLocked(f"A job that is {work_order.status.value} can no longer be re-planned.",
                              current=work_order.status.value)
    start = changes.pop("window_start", None)
    end = changes.pop("window_end", None)
    if start is not None:
        asset = uow.session.get(Asset, work_order.asset_id) if work_order.asset_id else None
        work_order.set_appointment(start, end, ZoneInfo(uow.settings["TIMEZONE"]),
                                   asset.warranty_until if asset else None)
    if "required_skills" in changes:
        work_order.required_skills = [RequiredSkill(**line) for line in changes.pop("required_skills")]
    if "parts_needed" in changes:
        require_known_skus(uow, [line["sku"] for line in changes["parts_needed"]])
        work_order.parts_needed = [PartNeeded(**line) for line in changes.pop("parts_needed")]
    for name, value in changes.items():
        setattr(work_order, name, value)


def _report(uow: UnitOfWork, actor: Actor, work_order: WorkOrder, changes: dict[str, Any]) -> None:
    if not actor.is_engineer:
        raise Forbidden("The field report is written by the engineer on the job.")
    if work_order.status not in REPORTABLE:
        raise WorkOrderLocked(f"The field report is written on site, not while {work_order.status.value}.",
                              current=work_order.status.value)
    if "consent_name" in changes:
        work_order.consent_at = uow.now() if changes["consent_name"] else None
    for name, value in changes.items():
        setattr(work_order, name, value)


def transition_work_order(uow: UnitOfWork, actor: Actor, work_order_id: int, expected_version: int | None,
                          to: Status, details: dict[str, Any]) -> WorkOrder:
    """One tap from the phone (or click in the office) may carry notes along with the move."""
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    apply_changes(uow, actor, work_order, {k: details.pop(k) for k in list(details)
                                           if k in PLANNING_FIELDS | REPORT_FIELDS})
    if to is Status.ASSIGNED:
        _require_engineer(uow, details.get("engineer_id"))
    if to is Status.COMPLETED and work_order.parts_used:  # the gate counts the faulty parts owed
        details = details | {"faulty_parts": uow.readers[FaultyPartsOfWorkOrder](uow, work_order.id)}
    from_status = work_order.status
    work_order.transition(to, actor, uow.now(), **details)
    uow.session.flush()
    _publish(uow, work_order, from_status)
    return work_order


def _require_engineer(uow: UnitOfWork, engineer_id: int | None) -> None:
    if engineer_id is not None and engineer_id not in uow.readers[KnownEngineers](uow, {engineer_id}):
        raise InvalidInput("Unknown engineer.", [FieldError("engineer_id", "No such engineer.")])


def _publish(uow: UnitOfWork, work_order: WorkOrder, from_status: Status) -> None:
    uow.publish(events.WorkOrderStatusChanged(work_order.id, from_status.value, work_order.status.value))
    if work_order.status is Status.ASSIGNED and work_order.engineer_id is not None:
        uow.publish(events.WorkOrderAssigned(work_order.id, work_order.engineer_id))
    elif work_order.status is Status.CANCELLED:
        uow.publish(events.WorkOrderCancelled(work_order.id, work_order.cancel_reason or ""))
    elif work_order.status is Status.COMPLETED:
        uow.publish(events.WorkOrderCompleted(work_order.id))


def record_customer_contacted(uow: UnitOfWork, actor: Actor, work_order_id: int,
                              details: dict[str, Any], expected_version: int | None = None) -> WorkOrder:
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    if not actor.is_engineer:
        raise Forbidden("The engineer on the job records the call-back.")
    work_order.record_customer_contacted(actor, uow.now(), **details)
    uow.session.flush()
    return work_order
