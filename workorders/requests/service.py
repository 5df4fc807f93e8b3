"""Intake and triage: record a request, then resolve it remotely, reject it or convert it."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.auth import Actor
from core.clock import local_day_bounds
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from workorders.customers.models import Asset, Customer, Site
from workorders.errors import RecordNotFound
from workorders.events import ServiceRequestConverted
from workorders.numbering import next_number
from workorders.orders.models import PartNeeded, RequiredSkill, WorkOrder
from workorders.parts_catalog import require_known_skus
from workorders.requests.models import ServiceRequest
from workorders.triage import default_work_type, derive_priority


def _belonging(uow: UnitOfWork, customer_id: int, site_id: int, asset_id: int | None) -> None:
    """The site must be the customer's and the asset must stand on that site."""
    if uow.session.get(Customer, customer_id) is None:
        raise InvalidInput("Unknown customer.", [FieldError("customer_id", "No such customer.")])
    site = uow.session.get(Site, site_id)
    if site is None or site.customer_id != customer_id:
        raise InvalidInput("Unknown site.", [FieldError("site_id", "Not a site of this customer.")])
    asset = uow.session.get(Asset, asset_id) if asset_id is not None else None
    if asset_id is not None and (asset is None or asset.site_id != site_id):
        raise InvalidInput("Unknown asset.", [FieldError("asset_id", "Not an asset on this site.")])


def create_service_request(uow: UnitOfWork, fields: dict[str, Any]) -> ServiceRequest:
    _belonging(uow, fields["customer_id"], fields["site_id"], fields.get("asset_id"))
    start, end = fields.get("preferred_start"), fields.get("preferred_end")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("The preferred time must end after it starts.",
                           [FieldError("preferred_end", "Must be after preferred_start.")])
    request = ServiceRequest(**fields, number=next_number(uow, "SR"), created_at=uow.now())
    uow.session.add(request)
    uow.session.flush()
    return request


def get_service_request(uow: UnitOfWork, request_id: int) -> ServiceRequest:
    request = uow.session.get(ServiceRequest, request_id)
    if request is None:
        raise RecordNotFound(f"No service request {request_id}.")
    return request


def list_service_requests(uow: UnitOfWork, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(ServiceRequest).order_by(ServiceRequest.id)
    for name in ("status", "channel", "category", "customer_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(ServiceRequest, name) == filters[name])
    if filters.get("date") is not None:
        start, end = local_day_bounds(filters["date"], ZoneInfo(uow.settings["TIMEZONE"]))
        stmt = stmt.where(ServiceRequest.created_at >= start, ServiceRequest.created_at < end)
    return SelectCollection(uow.session, stmt)


def resolve_request(uow: UnitOfWork, request_id: int, notes: str) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    request.resolve_remotely(notes, uow.now())
    uow.session.flush()
    return request


def reject_request(uow: UnitOfWork, request_id: int, reason: str) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    request.reject(reason, uow.now())
    uow.session.flush()
    return request


def convert_request(uow: UnitOfWork, actor: Actor, request_id: int, plan: dict[str, Any]) -> WorkOrder:
    """A visit is needed: the work order inherits who, where and what, plus the office's plan."""
    request = get_service_request(uow, request_id)
    require_known_skus(uow, [line["sku"] for line in plan.get("parts_needed", [])])
    request.mark_converted(uow.now())
    work_order = WorkOrder(
        number=next_number(uow, "WO"), service_request_id=request.id, customer_id=request.customer_id,
        site_id=request.site_id, asset_id=request.asset_id, symptom=request.symptom,
        work_type=plan.get("work_type") or default_work_type(request.category),
        priority=plan.get("priority") or derive_priority(request.category, request.customer.tier),
        estimated_duration_s=plan["estimated_duration_s"], created_at=uow.now(), updated_at=uow.now(),
        required_skills=[RequiredSkill(**line) for line in plan.get("required_skills", [])],
        parts_needed=[PartNeeded(**line) for line in plan.get("parts_needed", [])],
    )
    if plan.get("window_start") is not None:
        work_order.set_appointment(plan["window_start"], plan["window_end"],
                                   ZoneInfo(uow.settings["TIMEZONE"]), _warranty_until(request))
    uow.session.add(work_order)
    uow.session.flush()
    uow.publish(ServiceRequestConverted(request.id, work_order.id))
    return work_order


def _warranty_until(request: ServiceRequest) -> Any:
    return request.asset.warranty_until if request.asset is not None else None
