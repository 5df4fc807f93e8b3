"""Converting a request to a visit, with everything proposed: the window from the customer's
preferred time, the duration, skills and likely parts from the defaults table, the priority
from category and tier, and the repeat-repair link. The agent may change any of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.auth import Actor
from core.clock import local_date
from core.db import UnitOfWork
from workorders.events import ServiceRequestConverted
from workorders.orders.models import WorkOrder
from workorders.orders.repeats import PreviousRepair, previous_repair
from workorders.orders.visits import VisitFor, open_visit
from workorders.ports import KnownSkus
from workorders.requests.models import ServiceRequest
from workorders.requests.service import get_service_request
from workorders.requests.visit_defaults import visit_defaults
from workorders.triage import WorkType, default_work_type, derive_priority


@dataclass(frozen=True)
class VisitProposal:
    work_type: WorkType
    priority: int
    estimated_duration_s: int
    window_start: datetime | None
    window_end: datetime | None
    required_skills: list[dict[str, Any]]
    parts_needed: list[dict[str, Any]]
    repeat_of: PreviousRepair | None

    @property
    def repeat_repair(self) -> bool:
        return self.repeat_of is not None

    @property
    def repeat_of_work_order_id(self) -> int | None:
        return self.repeat_of.work_order_id if self.repeat_of else None

    @property
    def repeat_of_number(self) -> str | None:
        return self.repeat_of.number if self.repeat_of else None

    @property
    def repeat_of_engineer_id(self) -> int | None:
        return self.repeat_of.engineer_id if self.repeat_of else None

    @property
    def repeat_of_completed_at(self) -> datetime | None:
        return self.repeat_of.completed_at if self.repeat_of else None

    def plan(self) -> dict[str, Any]:
        plan = {"estimated_duration_s": self.estimated_duration_s, "required_skills": self.required_skills,
                "parts_needed": self.parts_needed}
        if self.window_start is not None:
            plan |= {"window_start": self.window_start, "window_end": self.window_end}
        return plan


def propose_visit(uow: UnitOfWork, request: ServiceRequest) -> VisitProposal:
    defaults = visit_defaults(request.asset.product_model if request.asset else None, request.category)
    window = _preferred_window(request, ZoneInfo(uow.settings["TIMEZONE"]))
    in_catalog = uow.readers[KnownSkus](uow, defaults.parts_needed) if defaults.parts_needed else frozenset()
    return VisitProposal(
        work_type=default_work_type(request.category),
        priority=derive_priority(request.category, request.customer.tier),
        estimated_duration_s=defaults.estimated_duration_s,
        window_start=window[0] if window else None, window_end=window[1] if window else None,
        required_skills=[{"skill": skill, "min_level": level} for skill, level in defaults.required_skills],
        parts_needed=[{"sku": sku, "qty": 1} for sku in defaults.parts_needed if sku in in_catalog],
        repeat_of=previous_repair(uow, request.asset_id, uow.now()),
    )


def _preferred_window(request: ServiceRequest, tz: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The customer's preferred time becomes the window when it can be one (one local day)."""
    start, end = request.preferred_start, request.preferred_end
    if start is None or end is None or end <= start:
        return None
    if local_date(start, tz) != local_date(end - timedelta(microseconds=1), tz):
        return None
    return start, end


def visit_proposal(uow: UnitOfWork, request_id: int) -> VisitProposal:
    request = get_service_request(uow, request_id)
    request.require_open()
    return propose_visit(uow, request)


def convert_request(uow: UnitOfWork, actor: Actor, request_id: int, changes: dict[str, Any]) -> WorkOrder:
    """A visit is needed: the work order inherits who, where and what, plus the proposal as
    changed by the agent (a window given replaces the preferred one)."""
    request = get_service_request(uow, request_id)
    request.require_open()
    proposal = propose_visit(uow, request)
    plan = proposal.plan() | {k: v for k, v in changes.items() if k not in ("work_type", "priority")}
    repeat = proposal.repeat_of
    work_order = open_visit(
        uow, actor,
        VisitFor(request.customer_id, request.site_id, request.asset_id, request.symptom,
                 request.asset.warranty_until if request.asset else None, request.id,
                 repeat.work_order_id if repeat else None),
        changes.get("work_type") or proposal.work_type, changes.get("priority") or proposal.priority, plan)
    request.mark_converted(work_order.number, actor, uow.now())
    uow.session.flush()
    uow.publish(ServiceRequestConverted(request.id, work_order.id))
    return work_order
