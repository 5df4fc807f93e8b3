"""Load and dump schemas for customers, sites and assets."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.schemas import Day, Lat, Lon, Prose, Text
from workorders.triage import Tier

PHONE = validate.Regexp(r"^\+?[0-9 ()-]{5,32}$", error="Digits, spaces, +, - and brackets only.")


class CustomerIn(Schema):
    name = Text(120, required=True)
    tier = fields.Enum(Tier, by_value=True, required=True)
    phone = fields.String(required=True, validate=PHONE)
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))


class CustomerOut(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    tier = fields.Enum(Tier, by_value=True, required=True)
    phone = fields.String(required=True)
    email = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class CustomerQuery(Schema):
    tier = fields.Enum(Tier, by_value=True)
    name = Text(120)
    q = Text(64, metadata={"description": "The desk's search: the end of a phone number (at least 4 "
                                          "digits), the beginning of a name, or the beginning of an "
                                          "asset's serial."})


class SiteIn(Schema):
    address = Text(255, required=True)
    lat = Lat(required=True)
    lon = Lon(required=True)
    access_notes = Prose(1000, allow_none=True)


class SiteOut(Schema):
    id = fields.Integer(required=True)
    customer_id = fields.Integer(required=True)
    address = fields.String(required=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    access_notes = fields.String(allow_none=True)


class AssetIn(Schema):
    product_model = Text(120, required=True)
    serial = Text(64, required=True)
    installed_on = Day(allow_none=True)
    warranty_until = Day(allow_none=True)


class AssetOut(Schema):
    id = fields.Integer(required=True)
    site_id = fields.Integer(required=True)
    product_model = fields.String(required=True)
    serial = fields.String(required=True)
    installed_on = fields.Date(allow_none=True)
    warranty_until = fields.Date(allow_none=True)


class FirstSiteIn(SiteIn):
    asset = fields.Nested(AssetIn, metadata={"description": "The product at this site, if known."})


class NewCustomerIn(CustomerIn):
    """A caller new to us, recorded in one step at the desk: optionally with their first site
    and the product installed there."""

    site = fields.Nested(FirstSiteIn)


class SiteWithAssetsOut(SiteOut):
    assets = fields.List(fields.Nested(AssetOut), required=True)


class NewCustomerOut(CustomerOut):
    sites = fields.List(fields.Nested(SiteWithAssetsOut), required=True)


class CustomerPatch(CustomerIn):
    """Used with ``partial=True``: send only what changes."""


class SitePatch(SiteIn):
    """Used with ``partial=True``: send only what changes."""


class AssetPatch(AssetIn):
    """Used with ``partial=True``: send only what changes."""
