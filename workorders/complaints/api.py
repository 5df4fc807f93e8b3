"""HTTP views for complaint cases: the desk takes them in and works them; a supervisor assigns
them; the office reads them and books return visits. Engineers and the warehouse see none."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.web import current_actor, current_uow, etag_for, idempotent, roles
from workorders.access import DESK, DESK_LEAD, INTAKE
from workorders.complaints import origins, schemas, service, visits
from workorders.orders.schemas import WorkOrderOut

blp = Blueprint("complaints", __name__)


@blp.route("/complaints", methods=["GET"])
@blp.arguments(schemas.ComplaintQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.ComplaintOut(many=True))
@blp.paginate(Page)
@roles(*INTAKE)
def list_complaints(**filters: Any) -> Any:
    """Newest first."""
    return service.list_complaints(current_uow(), current_actor(), filters)


@blp.route("/complaints", methods=["POST"])
@blp.arguments(schemas.ComplaintIn)
@blp.response(201, schemas.ComplaintOut)
@roles(*INTAKE)
@idempotent
def create_complaint(data: dict[str, Any]) -> Any:
    """Serious and critical complaints are escalated at once."""
    return service.open_complaint(current_uow(), current_actor(), data)


@blp.route("/service-requests/<int:request_id>/complaint", methods=["POST"])
@blp.arguments(schemas.ComplaintFromRequestIn)
@blp.response(201, schemas.ComplaintOut)
@roles(*INTAKE)
@idempotent
def create_complaint_from_request(data: dict[str, Any], request_id: int) -> Any:
    """Triage: the request was a complaint; it closes as ``complaint_opened``."""
    return origins.open_from_request(current_uow(), current_actor(), request_id, data)


@blp.route("/complaints/<int:complaint_id>", methods=["GET"])
@blp.response(200, schemas.ComplaintOut)
@roles(*INTAKE)
def get_complaint(complaint_id: int) -> Any:
    return service.get_complaint(current_uow(), complaint_id)


@blp.route("/complaints/<int:complaint_id>/log", methods=["GET"])
@blp.response(200, schemas.ComplaintStepOut(many=True))
@roles(*INTAKE)
def get_complaint_log(complaint_id: int) -> Any:
    """Every step, oldest first, across reopenings."""
    return service.complaint_log(current_uow(), complaint_id)


@blp.route("/complaints/<int:complaint_id>/assign", methods=["POST"])
@blp.arguments(schemas.ComplaintAssignIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK_LEAD)
def assign_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    return service.assign_complaint(current_uow(), current_actor(), complaint_id, data["owner_user_id"])


@blp.route("/complaints/<int:complaint_id>/investigate", methods=["POST"])
@blp.arguments(schemas.ComplaintNotesIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK)
def investigate_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    return service.investigate_complaint(current_uow(), current_actor(), complaint_id, data.get("notes"))


@blp.route("/complaints/<int:complaint_id>/escalate", methods=["POST"])
@blp.arguments(schemas.ComplaintEscalateIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK)
def escalate_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    """To a supervisor's attention (once per round; again after a reopening)."""
    return service.escalate_complaint(current_uow(), current_actor(), complaint_id, data["notes"])


@blp.route("/complaints/<int:complaint_id>/resolve", methods=["POST"])
@blp.arguments(schemas.ComplaintResolveIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK)
def resolve_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    return service.resolve_complaint(
        current_uow(), current_actor(), complaint_id, data["cause"], data["action"])


@blp.route("/complaints/<int:complaint_id>/confirm", methods=["POST"])
@blp.arguments(schemas.ComplaintConfirmIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK)
def confirm_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    return service.confirm_complaint(current_uow(), current_actor(), complaint_id, data["customer_answer"])


@blp.route("/complaints/<int:complaint_id>/reopen", methods=["POST"])
@blp.arguments(schemas.ComplaintReopenIn)
@blp.response(200, schemas.ComplaintOut)
@roles(*DESK)
def reopen_complaint(data: dict[str, Any], complaint_id: int) -> Any:
    """The customer is not satisfied: a new due time; the log keeps the first round."""
    return service.reopen_complaint(current_uow(), current_actor(), complaint_id, data["reason"])


@blp.route("/complaints/<int:complaint_id>/return-visit", methods=["POST"])
@blp.arguments(schemas.ReturnVisitIn)
@blp.response(201, WorkOrderOut)
@roles(*INTAKE)
@idempotent
def post_return_visit(data: dict[str, Any], complaint_id: int) -> Any:
    """A new work order to the visit's site and asset, scheduled when a window is given."""
    work_order = visits.open_return_visit(current_uow(), current_actor(), complaint_id, data)
    return work_order, 201, {"ETag": etag_for(work_order.version)}
