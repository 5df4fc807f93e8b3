"""HTTP views of the desk: the customer file, the queue, the people, the supervisor's figures."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.web import current_actor, current_uow, roles
from workorders.access import DESK, DESK_LEAD, INTAKE
from workorders.desk import customer_file, figures, queue, schemas, staff
from workorders.orders.field import service_today

blp = Blueprint("desk", __name__)


@blp.route("/customers/<int:customer_id>/file", methods=["GET"])
@blp.response(200, schemas.CustomerFileOut)
@roles(*INTAKE)
def get_customer_file(customer_id: int) -> Any:
    """The customer, sites and assets (warranty, repeat repairs), and every request, visit,
    complaint and rating, newest first: what the desk opens when a customer calls."""
    return customer_file.customer_file(current_uow(), customer_id)


@blp.route("/desk/queue", methods=["GET"])
@blp.arguments(schemas.QueueQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.QueueItemOut(many=True))
@blp.paginate(Page)
@roles(*DESK)
def get_queue(**filters: Any) -> Any:
    """Open requests and unanswered complaints: unowned first (or the caller's own), then by due time."""
    return queue.desk_queue(current_uow(), current_actor(), filters)


@blp.route("/desk/members", methods=["GET"])
@blp.response(200, schemas.DeskMemberOut(many=True))
@roles(*DESK)
def list_desk_members() -> Any:
    """The agents and supervisors work can be assigned to."""
    return staff.desk_members(current_uow())


@blp.route("/desk/figures", methods=["GET"])
@blp.arguments(schemas.FiguresQuery, location="query")
@blp.response(200, schemas.DeskFiguresOut)
@roles(*DESK_LEAD)
def get_figures(query: dict[str, Any]) -> Any:
    uow = current_uow()
    return figures.desk_figures(uow, query.get("date") or service_today(uow), uow.now())
