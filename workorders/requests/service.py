"""Intake and triage: record a request, then work it at the desk (assign, remote assistance,
a call-back) until it is resolved remotely, rejected, converted or turned into a complaint."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.auth import Actor
from core.clock import local_day_bounds
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from workorders.customers.models import Asset, Customer, Site
from workorders.desk.staff import owner_for_new_work, require_desk_member
from workorders.errors import RecordNotFound
from workorders.events import ServiceRequestReceived
from workorders.numbering import next_number
from workorders.orders.repeats import previous_repair
from workorders.ports import due_times
from workorders.requests.models import RequestStep, ServiceRequest, StepKind


def require_belonging(uow: UnitOfWork, customer_id: int, site_id: int, asset_id: int | None) -> Customer:
    """The site must be the customer's and the asset must stand on that site."""
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput("Unknown customer.", [FieldError("customer_id", "No such customer.")])
    site = uow.session.get(Site, site_id)
    if site is None or site.customer_id != customer_id:
        raise InvalidInput("Unknown site.", [FieldError("site_id", "Not a site of this customer.")])
    asset = uow.session.get(Asset, asset_id) if asset_id is not None else None
    if asset_id is not None and (asset is None or asset.site_id != site_id):
        raise InvalidInput("Unknown asset.", [FieldError("asset_id", "Not an asset on this site.")])
    return customer


def create_service_request(uow: UnitOfWork, fields: dict[str, Any],
                           actor: Actor | None = None) -> ServiceRequest:
    """Numbered at once; owned by the agent taking it; due back to the customer by the tier's
    first-response time; flagged when the asset was repaired in the last 30 days."""
    customer = require_belonging(uow, fields["customer_id"], fields["site_id"], fields.get("asset_id"))
    start, end = fields.get("preferred_start"), fields.get("preferred_end")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("The preferred time must end after it starts.",
                           [FieldError("preferred_end", "Must be after preferred_start.")])
    now = uow.now()
    request = ServiceRequest(**fields, number=next_number(uow, "SR"), created_at=now,
                             owner_user_id=owner_for_new_work(actor))
    request.respond_by = now + timedelta(hours=due_times(uow).first_response_hours(uow, customer.tier))
    repeat = previous_repair(uow, fields.get("asset_id"), now)
    if repeat is not None:
        request.repeat_of_work_order_id = repeat.work_order_id
        request.repeat_of_completed_at = repeat.completed_at
    request.record(StepKind.RECEIVED, actor, now)
    uow.session.add(request)
    uow.session.flush()
    uow.publish(ServiceRequestReceived(request.id, request.customer_id, request.respond_by))
    return request


def get_service_request(uow: UnitOfWork, request_id: int) -> ServiceRequest:
    request = uow.session.get(ServiceRequest, request_id)
    if request is None:
        raise RecordNotFound(f"No service request {request_id}.")
    return request


def list_service_requests(uow: UnitOfWork, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(ServiceRequest).order_by(ServiceRequest.id)
    for name in ("status", "channel", "category", "customer_id", "owner_user_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(ServiceRequest, name) == filters[name])
    if filters.get("date") is not None:
        start, end = local_day_bounds(filters["date"], ZoneInfo(uow.settings["TIMEZONE"]))
        stmt = stmt.where(ServiceRequest.created_at >= start, ServiceRequest.created_at < end)
    return SelectCollection(uow.session, stmt)


def request_log(uow: UnitOfWork, request_id: int) -> list[RequestStep]:
    return list(get_service_request(uow, request_id).log)


def assign_request(uow: UnitOfWork, actor: Actor, request_id: int,
                   owner_user_id: int | None) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    if owner_user_id is not None:
        require_desk_member(uow, owner_user_id)
    request.assign(owner_user_id, actor, uow.now())
    uow.session.flush()
    return request


def record_remote_assistance(uow: UnitOfWork, actor: Actor, request_id: int, consent_name: str,
                             notes: str) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    request.try_remote_assistance(consent_name, notes, actor, uow.now())
    uow.session.flush()
    return request


def agree_call_back(uow: UnitOfWork, actor: Actor, request_id: int, fields: dict[str, Any]) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    at = fields.get("callback_at")
    if at is not None and at <= uow.now():
        raise InvalidInput("A call-back is agreed for later.",
                           [FieldError("callback_at", "Must be in the future.")])
    request.agree_call_back(at, fields.get("notes"), actor, uow.now())
    uow.session.flush()
    return request


def resolve_request(uow: UnitOfWork, request_id: int, notes: str,
                    actor: Actor | None = None) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    request.resolve_remotely(notes, actor, uow.now())
    uow.session.flush()
    return request


def reject_request(uow: UnitOfWork, request_id: int, reason: str,
                   actor: Actor | None = None) -> ServiceRequest:
    request = get_service_request(uow, request_id)
    request.reject(reason, actor, uow.now())
    uow.session.flush()
    return request
