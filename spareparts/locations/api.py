"""Stock locations over HTTP; an engineer sees their own van only (another's answers 404)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, roles
from spareparts.locations import schemas as s
from spareparts.locations import service as locations

blp = Blueprint("locations", __name__)

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)


@blp.route("/stock-locations", methods=["GET"])
@blp.arguments(s.LocationQuery, location="query", as_kwargs=True)
@blp.response(200, s.LocationOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_locations(**filters: Any) -> Any:
    """Warehouses, vans and virtual locations; an engineer sees their own van only."""
    return locations.list_locations(current_uow(), current_actor(), filters)


@blp.route("/stock-locations", methods=["POST"])
@blp.arguments(s.LocationIn)
@blp.response(201, s.LocationOut)
@roles(WAREHOUSE)
def create_location(data: dict[str, Any]) -> Any:
    """A warehouse (vans are created with their engineer)."""
    return locations.create_location(current_uow(), data)


@blp.route("/stock-locations/<int:location_id>", methods=["GET"])
@blp.response(200, s.LocationOut)
@roles(*READERS)
def get_location(location_id: int) -> Any:
    return locations.get_location(current_uow(), current_actor(), location_id)


@blp.route("/stock-locations/<int:location_id>", methods=["PATCH"])
@blp.arguments(s.LocationPatch)
@blp.response(200, s.LocationOut)
@roles(WAREHOUSE)
def patch_location(data: dict[str, Any], location_id: int) -> Any:
    return locations.update_location(current_uow(), current_actor(), location_id, data)
