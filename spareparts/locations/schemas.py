"""Stock locations in and out: a client creates warehouses; vans come with their engineers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.schemas import Id, Lat, Lon, QueryId, Text
from spareparts.fields import SKU
from spareparts.locations.models import LocationKind


class LocationIn(Schema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=32), SKU])
    name = Text(120, required=True)
    kind = fields.Enum(LocationKind, by_value=True, load_default=LocationKind.WAREHOUSE,
                       metadata={"description": "Only warehouse: vans come with engineers."})
    lat = Lat(required=True)
    lon = Lon(required=True)


class LocationPatch(Schema):
    name = Text(120)
    lat = Lat()
    lon = Lon()
    active = fields.Boolean()
    supplying_warehouse_id = Id(allow_none=True, metadata={"description": "Vans: the warehouse stocking it."})

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Send at least one field to change.")


class LocationOut(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.Enum(LocationKind, by_value=True, required=True)
    engineer_id = fields.Integer(allow_none=True)
    supplying_warehouse_id = fields.Integer(allow_none=True)
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    active = fields.Boolean(required=True)


class LocationQuery(Schema):
    kind = fields.Enum(LocationKind, by_value=True)
    engineer_id = QueryId()
    active = fields.Boolean()
