"""HTTP views for work orders: the office plans and moves them, the engineer on the job reports
from the field, and everyone reads what their role allows.

Each view decodes its input, lets a service check the caller's right and do the work, and
returns the result; version checks (ETag / If-Match) and idempotent replays come from core.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, etag_for, idempotent, if_match_version, roles
from workorders.access import INTAKE, OFFICE
from workorders.errors import RecordNotFound
from workorders.orders import feedback, field, history, parts, schemas, service
from workorders.orders.models import WorkOrder

blp = Blueprint("orders", __name__)

ENGINEER = Role.ENGINEER
WAREHOUSE = Role.WAREHOUSE
# The desk reads visits (the customer file, a complaint's subject) but plans and moves none.
READERS = (*INTAKE, ENGINEER)


def _with_etag(work_order: WorkOrder | parts.PartsSheet, status: int = 200) -> Any:
    return work_order, status, {"ETag": etag_for(work_order.version)}


@blp.route("/work-orders", methods=["GET"])
@blp.arguments(schemas.WorkOrderQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.WorkOrderSummaryOut(many=True))
@blp.paginate(Page)
@roles(*READERS, WAREHOUSE)
def list_work_orders(**filters: Any) -> Any:
    return service.list_work_orders(current_uow(), current_actor(), filters)


@blp.route("/work-orders/<int:work_order_id>", methods=["GET"])
@blp.response(200, schemas.WorkOrderOut, description="Warehouse staff get the summary fields only.")
@roles(*READERS, WAREHOUSE)
def get_work_order(work_order_id: int) -> Any:
    actor = current_actor()
    work_order = service.get_work_order(current_uow(), actor, work_order_id)
    if actor.role is Role.WAREHOUSE:
        response = jsonify(schemas.WorkOrderSummaryOut().dump(work_order))
        response.headers["ETag"] = etag_for(work_order.version)
        return response
    return _with_etag(work_order)


@blp.route("/work-orders/<int:work_order_id>", methods=["PATCH"])
@blp.arguments(schemas.WorkOrderPatch)
@blp.response(200, schemas.WorkOrderOut)
@roles(*OFFICE, ENGINEER)
@idempotent
def patch_work_order(data: dict[str, Any], work_order_id: int) -> Any:
    work_order = service.update_work_order(
        current_uow(), current_actor(), work_order_id, if_match_version(), data)
    return _with_etag(work_order)


@blp.route("/work-orders/<int:work_order_id>/transitions", methods=["POST"])
@blp.arguments(schemas.TransitionIn)
@blp.response(200, schemas.WorkOrderOut)
@roles(*OFFICE, ENGINEER)
@idempotent
def post_transition(data: dict[str, Any], work_order_id: int) -> Any:
    to = data.pop("to")
    work_order = service.transition_work_order(
        current_uow(), current_actor(), work_order_id, if_match_version(), to, data)
    return _with_etag(work_order)


@blp.route("/work-orders/<int:work_order_id>/events", methods=["GET"])
@blp.response(200, schemas.EventOut(many=True))
@roles(*READERS)
def list_events(work_order_id: int) -> Any:
    return service.list_events(current_uow(), current_actor(), work_order_id)


@blp.route("/work-orders/<int:work_order_id>/customer-contacted", methods=["POST"])
@blp.arguments(schemas.ContactedIn)
@blp.response(200, schemas.WorkOrderOut)
@roles(ENGINEER)
@idempotent
def post_customer_contacted(data: dict[str, Any], work_order_id: int) -> Any:
    work_order = service.record_customer_contacted(
        current_uow(), current_actor(), work_order_id, data, expected_version=if_match_version())
    return _with_etag(work_order)


@blp.route("/work-orders/<int:work_order_id>/parts", methods=["GET"])
@blp.response(200, schemas.PartsOut)
@roles(*READERS, WAREHOUSE)
def get_parts(work_order_id: int) -> Any:
    return parts.get_parts(current_uow(), current_actor(), work_order_id)


@blp.route("/work-orders/<int:work_order_id>/parts", methods=["POST"])
@blp.arguments(schemas.PartUsedIn)
@blp.response(201, schemas.PartsOut)
@roles(ENGINEER)
@idempotent
def post_part_used(data: dict[str, Any], work_order_id: int) -> Any:
    sheet = parts.record_part_used(
        current_uow(), current_actor(), work_order_id, data, expected_version=if_match_version())
    return _with_etag(sheet, 201)


@blp.route("/work-orders/<int:work_order_id>/signature", methods=["POST"])
@blp.arguments(schemas.SignatureIn)
@blp.response(201, schemas.SignatureOut)
@roles(ENGINEER)
@idempotent
def post_signature(data: dict[str, Any], work_order_id: int) -> Any:
    uow, actor = current_uow(), current_actor()
    signature = field.record_signature(
        uow, actor, work_order_id, data["signer_name"], data["image"], expected_version=if_match_version())
    version = service.get_work_order(uow, actor, work_order_id).version
    return _signature_out(signature), 201, {"ETag": etag_for(version)}


@blp.route("/work-orders/<int:work_order_id>/signature", methods=["GET"])
@blp.response(200, schemas.SignatureOut)
@roles(*READERS)
def get_signature(work_order_id: int) -> Any:
    return _signature_out(field.get_signature(current_uow(), current_actor(), work_order_id))


def _signature_out(signature: Any) -> dict[str, Any]:
    return {"signer_name": signature.signer_name, "signed_at": signature.signed_at,
            "image": field.signature_data_url(signature)}


@blp.route("/work-orders/<int:work_order_id>/feedback", methods=["POST"])
@blp.arguments(schemas.FeedbackIn)
@blp.response(201, schemas.FeedbackOut)
@roles(*INTAKE)
@idempotent
def post_feedback(data: dict[str, Any], work_order_id: int) -> Any:
    """A rating of 2 or less opens a complaint case about the visit (``complaint_id``)."""
    return feedback.record_feedback(
        current_uow(), current_actor(), work_order_id, data["rating"], data.get("comment"))


@blp.route("/work-orders/<int:work_order_id>/feedback", methods=["GET"])
@blp.response(200, schemas.FeedbackOut)
@roles(*INTAKE)
def get_feedback(work_order_id: int) -> Any:
    feedback = service.get_work_order(current_uow(), current_actor(), work_order_id).feedback
    if feedback is None:
        raise RecordNotFound("No feedback received for this work order yet.")
    return feedback


@blp.route("/me/route", methods=["GET"])
@blp.arguments(schemas.RouteQuery, location="query")
@blp.response(200, schemas.WorkOrderOut(many=True), headers={"Service-Date": {
    "description": "The service day served (YYYY-MM-DD): today in the service timezone without ?date=.",
    "schema": {"type": "string", "format": "date"}}})
@roles(ENGINEER)
def get_my_route(query: dict[str, Any]) -> Any:
    """``Service-Date`` names the day served, so a phone knows which day "today" and "tomorrow" are."""
    uow = current_uow()
    day = query.get("date") or field.service_today(uow)
    return field.route_for(uow, current_actor(), day), 200, {"Service-Date": day.isoformat()}


@blp.route("/work-orders/<int:work_order_id>/asset-history", methods=["GET"])
@blp.response(200, schemas.AssetHistoryOut)
@roles(*READERS)
def get_asset_history(work_order_id: int) -> Any:
    """The job's asset and its other visits, with the repeat-repair flag, for the engineer on it."""
    return history.asset_history(current_uow(), current_actor(), work_order_id)
