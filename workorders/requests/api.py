"""HTTP views for service requests and their triage (the service desk)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.web import current_actor, current_uow, etag_for, idempotent, roles
from workorders.access import DESK_LEAD, INTAKE
from workorders.orders.schemas import WorkOrderOut
from workorders.requests import conversion, schemas, service

blp = Blueprint("requests", __name__)


@blp.route("/service-requests", methods=["GET"])
@blp.arguments(schemas.ServiceRequestQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ServiceRequestOut(many=True))
@blp.paginate(Page)
@roles(*INTAKE)
def list_service_requests(**filters: Any) -> Any:
    return service.list_service_requests(current_uow(), filters)


@blp.route("/service-requests", methods=["POST"])
@blp.arguments(schemas.ServiceRequestIn)
@blp.response(201, schemas.ServiceRequestOut)
@roles(*INTAKE)
@idempotent
def create_service_request(data: dict[str, Any]) -> Any:
    return service.create_service_request(current_uow(), data, current_actor())


@blp.route("/service-requests/<int:request_id>", methods=["GET"])
@blp.response(200, schemas.ServiceRequestOut)
@roles(*INTAKE)
def get_service_request(request_id: int) -> Any:
    return service.get_service_request(current_uow(), request_id)


@blp.route("/service-requests/<int:request_id>/log", methods=["GET"])
@blp.response(200, schemas.RequestStepOut(many=True))
@roles(*INTAKE)
def get_service_request_log(request_id: int) -> Any:
    """Every step taken on the request, oldest first: who, when, what."""
    return service.request_log(current_uow(), request_id)


@blp.route("/service-requests/<int:request_id>/assign", methods=["POST"])
@blp.arguments(schemas.RequestAssignIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(*DESK_LEAD)
def assign_service_request(data: dict[str, Any], request_id: int) -> Any:
    return service.assign_request(current_uow(), current_actor(), request_id, data["owner_user_id"])


@blp.route("/service-requests/<int:request_id>/remote-assistance", methods=["POST"])
@blp.arguments(schemas.RemoteAssistanceIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(*INTAKE)
def post_remote_assistance(data: dict[str, Any], request_id: int) -> Any:
    return service.record_remote_assistance(
        current_uow(), current_actor(), request_id, data["consent_name"], data["notes"])


@blp.route("/service-requests/<int:request_id>/call-back", methods=["POST"])
@blp.arguments(schemas.CallBackIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(*INTAKE)
def post_call_back(data: dict[str, Any], request_id: int) -> Any:
    return service.agree_call_back(current_uow(), current_actor(), request_id, data)


@blp.route("/service-requests/<int:request_id>/resolve", methods=["POST"])
@blp.arguments(schemas.ResolveIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(*INTAKE)
def resolve_service_request(data: dict[str, Any], request_id: int) -> Any:
    return service.resolve_request(current_uow(), request_id, data["notes"], current_actor())


@blp.route("/service-requests/<int:request_id>/reject", methods=["POST"])
@blp.arguments(schemas.RejectIn)
@blp.response(200, schemas.ServiceRequestOut)
@roles(*INTAKE)
def reject_service_request(data: dict[str, Any], request_id: int) -> Any:
    return service.reject_request(current_uow(), request_id, data["reason"], current_actor())


@blp.route("/service-requests/<int:request_id>/visit-proposal", methods=["GET"])
@blp.response(200, schemas.VisitProposalOut)
@roles(*INTAKE)
def get_visit_proposal(request_id: int) -> Any:
    """What converting would create unless changed: the page shows it for the agent to edit."""
    return conversion.visit_proposal(current_uow(), request_id)


@blp.route("/service-requests/<int:request_id>/convert", methods=["POST"])
@blp.arguments(schemas.ConvertIn)
@blp.response(201, WorkOrderOut)
@roles(*INTAKE)
@idempotent
def convert_service_request(data: dict[str, Any], request_id: int) -> Any:
    work_order = conversion.convert_request(current_uow(), current_actor(), request_id, data)
    return work_order, 201, {"ETag": etag_for(work_order.version)}
