"""HTTP views for customers, their sites and assets (the office records them at intake;
an engineer reads those their own jobs visit)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, idempotent, roles
from workorders.access import INTAKE
from workorders.customers import schemas, service
from workorders.customers.models import Asset, Customer, Site

blp = Blueprint("customers", __name__)

ENGINEER = Role.ENGINEER  # reads whom their own jobs visit


@blp.route("/customers", methods=["GET"])
@blp.arguments(schemas.CustomerQuery, location="query", as_kwargs=True)
@blp.response(200, schemas.CustomerOut(many=True))
@blp.paginate(Page)
@roles(*INTAKE, ENGINEER)
def list_customers(**filters: Any) -> Any:
    return service.list_customers(current_uow(), current_actor(), filters)


@blp.route("/customers", methods=["POST"])
@blp.arguments(schemas.NewCustomerIn)
@blp.response(201, schemas.NewCustomerOut)
@roles(*INTAKE)
@idempotent
def create_customer(data: dict[str, Any]) -> Customer:
    return service.create_customer(current_uow(), data)


@blp.route("/customers/<int:customer_id>", methods=["GET"])
@blp.response(200, schemas.CustomerOut)
@roles(*INTAKE, ENGINEER)
def get_customer(customer_id: int) -> Customer:
    return service.get_customer(current_uow(), current_actor(), customer_id)


@blp.route("/customers/<int:customer_id>", methods=["PATCH"])
@blp.arguments(schemas.CustomerPatch(partial=True))
@blp.response(200, schemas.CustomerOut)
@roles(*INTAKE)
def patch_customer(data: dict[str, Any], customer_id: int) -> Customer:
    uow = current_uow()
    return service.update_record(
        uow, service.get_customer(uow, current_actor(), customer_id), data)


@blp.route("/customers/<int:customer_id>/sites", methods=["GET"])
@blp.response(200, schemas.SiteOut(many=True))
@blp.paginate(Page)
@roles(*INTAKE, ENGINEER)
def list_sites(customer_id: int) -> Any:
    return service.list_sites(current_uow(), current_actor(), customer_id)


@blp.route("/customers/<int:customer_id>/sites", methods=["POST"])
@blp.arguments(schemas.SiteIn)
@blp.response(201, schemas.SiteOut)
@roles(*INTAKE)
def create_site(data: dict[str, Any], customer_id: int) -> Site:
    return service.create_site(current_uow(), current_actor(), customer_id, data)


@blp.route("/sites/<int:site_id>", methods=["GET"])
@blp.response(200, schemas.SiteOut)
@roles(*INTAKE, ENGINEER)
def get_site(site_id: int) -> Site:
    return service.get_site(current_uow(), current_actor(), site_id)


@blp.route("/sites/<int:site_id>", methods=["PATCH"])
@blp.arguments(schemas.SitePatch(partial=True))
@blp.response(200, schemas.SiteOut)
@roles(*INTAKE)
def patch_site(data: dict[str, Any], site_id: int) -> Site:
    uow = current_uow()
    site = service.get_site(uow, current_actor(), site_id)
    return service.update_record(uow, site, data)


@blp.route("/sites/<int:site_id>/assets", methods=["GET"])
@blp.response(200, schemas.AssetOut(many=True))
@blp.paginate(Page)
@roles(*INTAKE, ENGINEER)
def list_assets(site_id: int) -> Any:
    return service.list_assets(current_uow(), current_actor(), site_id)


@blp.route("/sites/<int:site_id>/assets", methods=["POST"])
@blp.arguments(schemas.AssetIn)
@blp.response(201, schemas.AssetOut)
@roles(*INTAKE)
def create_asset(data: dict[str, Any], site_id: int) -> Asset:
    return service.create_asset(current_uow(), current_actor(), site_id, data)


@blp.route("/assets/<int:asset_id>", methods=["GET"])
@blp.response(200, schemas.AssetOut)
@roles(*INTAKE, ENGINEER)
def get_asset(asset_id: int) -> Asset:
    return service.get_asset(current_uow(), current_actor(), asset_id)


@blp.route("/assets/<int:asset_id>", methods=["PATCH"])
@blp.arguments(schemas.AssetPatch(partial=True))
@blp.response(200, schemas.AssetOut)
@roles(*INTAKE)
def patch_asset(data: dict[str, Any], asset_id: int) -> Asset:
    uow = current_uow()
    asset = service.get_asset(uow, current_actor(), asset_id)
    return service.update_record(uow, asset, data)
