"""Reservations and pick lists over HTTP. Jobs appear by id and number only: no customer's
phone or address reaches the warehouse."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, roles
from spareparts.reservations import picking
from spareparts.reservations import schemas as s
from spareparts.reservations import service as reservations

blp = Blueprint("reservations", __name__)

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)


@blp.route("/reservations", methods=["GET"])
@blp.arguments(s.ReservationQuery, location="query", as_kwargs=True)
@blp.response(200, s.ReservationOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_reservations(**filters: Any) -> Any:
    return reservations.list_reservations(current_uow(), current_actor(), filters)


@blp.route("/reservations", methods=["POST"])
@blp.arguments(s.ReservationIn)
@blp.response(201, s.ReservationOut)
@roles(WAREHOUSE, DISPATCHER)
def create_reservation(data: dict[str, Any]) -> Any:
    """Holds good stock for a job; 409 ``insufficient-stock`` when fewer are available."""
    return reservations.reserve(current_uow(), current_actor(), **data)


@blp.route("/reservations/<int:reservation_id>", methods=["GET"])
@blp.response(200, s.ReservationOut)
@roles(*READERS)
def get_reservation(reservation_id: int) -> Any:
    return reservations.get_reservation(current_uow(), current_actor(), reservation_id)


@blp.route("/reservations/<int:reservation_id>/release", methods=["POST"])
@blp.arguments(s.ReleaseIn)
@blp.response(200, s.ReservationOut)
@roles(WAREHOUSE, DISPATCHER)
def release_reservation(data: dict[str, Any], reservation_id: int) -> Any:
    return reservations.release(current_uow(), current_actor(), reservation_id, data.get("reason"))


@blp.route("/reservations/<int:reservation_id>/issue", methods=["POST"])
@blp.arguments(s.IssueIn)
@blp.response(200, s.ReservationOut)
@roles(WAREHOUSE)
def issue_reservation(data: dict[str, Any], reservation_id: int) -> Any:
    """Moves the reserved units from the warehouse into the engineer's van."""
    uow, actor = current_uow(), current_actor()
    reservations.issue(uow, actor, reservation_id, data.get("serials"))
    return reservations.get_reservation(uow, actor, reservation_id)


@blp.route("/pick-lists", methods=["GET"])
@blp.arguments(s.PickListQuery, location="query")
@blp.response(200, s.PickListOut(many=True))
@blp.paginate(Page)
@roles(WAREHOUSE, DISPATCHER, ENGINEER)
def list_pick_lists(query: dict[str, Any]) -> Any:
    """Per warehouse and day, one list per engineer, from the day's warehouse reservations."""
    return picking.list_pick_lists(current_uow(), current_actor(), query["date"], query.get("warehouse_id"),
                                   query.get("engineer_id"))


@blp.route("/pick-lists/<int:pick_list_id>", methods=["GET"])
@blp.response(200, s.PickListOut)
@roles(WAREHOUSE, DISPATCHER, ENGINEER)
def get_pick_list(pick_list_id: int) -> Any:
    return picking.get_pick_list(current_uow(), current_actor(), pick_list_id)


@blp.route("/pick-lists/<int:pick_list_id>/issue", methods=["POST"])
@blp.arguments(s.PickIssueIn)
@blp.response(200, s.PickListOut)
@roles(WAREHOUSE)
def issue_pick_list(data: dict[str, Any], pick_list_id: int) -> Any:
    """Issues the lines sent (serials for serialized parts), or every open line; all or nothing."""
    return picking.issue_pick_list(current_uow(), current_actor(), pick_list_id, data.get("lines"))
