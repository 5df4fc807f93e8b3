"""Use cases for customers, their sites and assets (the office records them at intake)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from core.auth import Actor
from core.db import SelectCollection, UnitOfWork
from workorders.access import sees_everything, visited_column
from workorders.customers.models import Asset, Customer, Site
from workorders.customers.search import matching_customer_ids
from workorders.errors import RecordNotFound
from workorders.orders.models import WorkOrder


def _visible(stmt: Select[Any], actor: Actor, id_column: Any, visited: Any) -> Select[Any]:
    if sees_everything(actor):
        return stmt
    return stmt.where(id_column.in_(visited_column(actor, visited)))


def _get(uow: UnitOfWork, actor: Actor, model: Any, record_id: int, visited: Any) -> Any:
    stmt = _visible(select(model).where(model.id == record_id), actor, model.id, visited)
    record = uow.session.scalar(stmt)
    if record is None:
        raise RecordNotFound(f"No {model.__name__.lower()} {record_id}.")
    return record


def get_customer(uow: UnitOfWork, actor: Actor, customer_id: int) -> Customer:
    return _get(uow, actor, Customer, customer_id, WorkOrder.customer_id)


def get_site(uow: UnitOfWork, actor: Actor, site_id: int) -> Site:
    return _get(uow, actor, Site, site_id, WorkOrder.site_id)


def get_asset(uow: UnitOfWork, actor: Actor, asset_id: int) -> Asset:
    return _get(uow, actor, Asset, asset_id, WorkOrder.asset_id)


def list_customers(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Customer).order_by(Customer.id)
    if filters.get("tier"):
        stmt = stmt.where(Customer.tier == filters["tier"])
    if filters.get("name"):
        stmt = stmt.where(Customer.name.ilike(f"%{filters['name']}%"))
    if filters.get("q"):
        stmt = stmt.where(Customer.id.in_(matching_customer_ids(filters["q"])))
    return SelectCollection(uow.session, _visible(stmt, actor, Customer.id, WorkOrder.customer_id))


def list_sites(uow: UnitOfWork, actor: Actor, customer_id: int) -> SelectCollection:
    get_customer(uow, actor, customer_id)
    stmt = select(Site).where(Site.customer_id == customer_id).order_by(Site.id)
    return SelectCollection(uow.session, _visible(stmt, actor, Site.id, WorkOrder.site_id))


def list_assets(uow: UnitOfWork, actor: Actor, site_id: int) -> SelectCollection:
    get_site(uow, actor, site_id)
    stmt = select(Asset).where(Asset.site_id == site_id).order_by(Asset.id)
    return SelectCollection(uow.session, _visible(stmt, actor, Asset.id, WorkOrder.asset_id))


def create_customer(uow: UnitOfWork, fields: dict[str, Any]) -> Customer:
    """With ``site`` (and in it ``asset``), the first site and product come in the same step."""
    site_fields = fields.pop("site", None)
    customer = Customer(**fields, created_at=uow.now())
    if site_fields is not None:
        asset_fields = site_fields.pop("asset", None)
        site = Site(**site_fields)
        if asset_fields is not None:
            site.assets.append(Asset(**asset_fields))
        customer.sites.append(site)
    uow.session.add(customer)
    uow.session.flush()
    return customer


def create_site(uow: UnitOfWork, actor: Actor, customer_id: int, fields: dict[str, Any]) -> Site:
    site = Site(customer=get_customer(uow, actor, customer_id), **fields)
    uow.session.add(site)
    uow.session.flush()
    return site


def create_asset(uow: UnitOfWork, actor: Actor, site_id: int, fields: dict[str, Any]) -> Asset:
    asset = Asset(site=get_site(uow, actor, site_id), **fields)
    uow.session.add(asset)
    uow.session.flush()
    return asset


def update_record(uow: UnitOfWork, record: Any, changes: dict[str, Any]) -> Any:
    """Customers, sites and assets carry no rules beyond their fields' own validation."""
    for name, value in changes.items():
        setattr(record, name, value)
    uow.session.flush()
    return record
