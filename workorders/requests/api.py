"""HTTP views for service requests and their triage (the office's desk)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, etag_for, roles
from workorders.orders.schemas import WorkOrderOut
from workorders.requests import schemas, service

blp = Blueprint("requests", __name__)

OFFICE = Role.DISPATCHER  # admin passes every role check


@blp.route("/service-requests", methods=["GET"])
@blp.arguments(schemas.ServiceRequestQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ServiceRequestOut(many=True))
@blp.paginate(Page)
@roles(OFFICE)
def list_service_requests(**filters: Any) -> Any:
    return service.list_service_requests(current_uow(), filters)


@blp.route("/service-requests", methods=["POST"])
@blp.arguments(schemas.ServiceRequestIn)
@blp.response(201, schemas.ServiceRequestOut)
@roles(OFFICE)
def create_service_request(data: dict[str, Any]) -> Any:
    return service.create_service_request(current_uow(), data)


@blp.route("/service-requests/<int:request_id>", methods=["GET"])
@blp.response(200, schemas.ServiceRequestOut)
@roles(OFFICE)
def get_service_request(request_id: int) -> Any:
    return service.get_service_request(current_uow(), request_id)


@blp.route("/service-requests/<int:request_id>/resolve", methods=["POST"])
@blp.arguments(schemas.ResolveIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(OFFICE)
def resolve_service_request(data: dict[str, Any], request_id: int) -> Any:
    return service.resolve_request(current_uow(), request_id, data["notes"])


@blp.route("/service-requests/<int:request_id>/reject", methods=["POST"])
@blp.arguments(schemas.RejectIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(OFFICE)
def reject_service_request(data: dict[str, Any], request_id: int) -> Any:
    return service.reject_request(current_uow(), request_id, data["reason"])


@blp.route("/service-requests/<int:request_id>/convert", methods=["POST"])
@blp.arguments(schemas.ConvertIn)
@blp.response(201, WorkOrderOut)
@roles(OFFICE)
def convert_service_request(data: dict[str, Any], request_id: int) -> Any:
    work_order = service.convert_request(current_uow(), current_actor(), request_id, data)
    return work_order, 201, {"ETag": etag_for(work_order.version)}
