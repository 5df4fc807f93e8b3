"""The parts catalog over HTTP: warehouse staff keep it; dispatchers and engineers read it."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_smorest import Blueprint, Page

from core.auth import Role
from core.errors import FieldError, InvalidInput
from core.web import current_uow, roles
from spareparts.catalog import schemas as s
from spareparts.catalog import service as catalog

blp = Blueprint("catalog", __name__)

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)
MAX_CSV_BYTES = 2 * 1024 * 1024
CSV_BODY = {"required": True, "content": {"text/csv": {"schema": {"type": "string"}, "example":
            "sku,name,compatible_models,unit_cost,price,serialized,returnable,reorder_point,active\n"
            "LK-MOTOR,Lock motor,Aqara Smart Lock U200,42.00,90.00,false,true,5,true\n"}}}
CSV_ANSWER = {"200": {"description": "The catalog as CSV, one part per row.",
                      "content": {"text/csv": {"schema": {"type": "string"}}}}}


@blp.route("/parts", methods=["GET"])
@blp.arguments(s.PartQuery, location="query", as_kwargs=True)
@blp.response(200, s.PartOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_parts(**filters: Any) -> Any:
    """The catalog by SKU; filter by text, serialized, returnable, active."""
    return catalog.list_parts(current_uow(), filters)


@blp.route("/parts", methods=["POST"])
@blp.arguments(s.PartIn)
@blp.response(201, s.PartOut)
@roles(WAREHOUSE)
def create_part(data: dict[str, Any]) -> Any:
    return catalog.create_part(current_uow(), data)


@blp.route("/parts/<int:part_id>", methods=["GET"])
@blp.response(200, s.PartOut)
@roles(*READERS)
def get_part(part_id: int) -> Any:
    return catalog.get_part(current_uow(), part_id)


@blp.route("/parts/<int:part_id>", methods=["PATCH"])
@blp.arguments(s.PartPatch)
@blp.response(200, s.PartOut)
@roles(WAREHOUSE)
def patch_part(data: dict[str, Any], part_id: int) -> Any:
    """Name, models, prices, returnable, reorder point, active. SKU and serialized never change."""
    return catalog.update_part(current_uow(), part_id, data)


@blp.route("/parts/export", methods=["GET"])
@blp.doc(responses=CSV_ANSWER)
@roles(WAREHOUSE, DISPATCHER)
def export_parts() -> Response:
    """The whole catalog as CSV (the same columns the import reads)."""
    body = catalog.export_csv(current_uow())
    return Response(body, 200, mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="parts.csv"'})


@blp.route("/parts/import", methods=["POST"])
@blp.doc(requestBody=CSV_BODY)
@blp.response(200, s.ImportOut)
@roles(WAREHOUSE)
def import_parts() -> Any:
    """Creates new SKUs and updates known ones from a CSV; any bad row refuses the whole file."""
    if request.mimetype != "text/csv":
        raise InvalidInput("Send the catalog as text/csv.",
                           [FieldError("Content-Type", "Use text/csv.", "header")])
    if (request.content_length or 0) > MAX_CSV_BYTES:
        raise InvalidInput("The file is too large.", [FieldError("body", "At most 2 MiB.")])
    return catalog.import_csv(current_uow(), request.get_data(as_text=True))
