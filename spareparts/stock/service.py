"""Reading stock: balances, the ledger and serial units, as each role may see them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from core.auth import Actor
from core.db import SelectCollection, UnitOfWork
from spareparts.catalog.models import Part
from spareparts.ledger.models import Condition, LedgerEntry, SerialUnit, StockBalance
from spareparts.locations.models import PHYSICAL_KINDS, LocationKind, StockLocation


def _own_van(actor: Actor) -> Any:
    return select(StockLocation.id).where(StockLocation.engineer_id == actor.engineer_id)


def list_balances(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = (select(StockBalance).join(StockLocation, StockLocation.id == StockBalance.location_id)
            .join(Part, Part.id == StockBalance.part_id)
            .order_by(StockLocation.code, Part.sku, StockBalance.condition))
    if actor.is_engineer:
        stmt = stmt.where(StockBalance.location_id.in_(_own_van(actor)))
    if not filters.get("include_virtual"):
        stmt = stmt.where(StockLocation.kind.in_(PHYSICAL_KINDS))
    for name, column in (("location_id", StockBalance.location_id), ("sku", Part.sku),
                         ("condition", StockBalance.condition), ("kind", StockLocation.kind)):
        if filters.get(name) is not None:
            stmt = stmt.where(column == filters[name])
    if filters.get("in_stock") is not None:
        stmt = stmt.where(StockBalance.on_hand > 0 if filters["in_stock"] else StockBalance.on_hand <= 0)
    if filters.get("below_reorder_point"):
        stmt = stmt.where(StockLocation.kind == LocationKind.WAREHOUSE,
                          StockBalance.condition == Condition.GOOD,
                          StockBalance.on_hand - StockBalance.reserved <= Part.reorder_point)
    return SelectCollection(uow.session, stmt.execution_options(populate_existing=True))


def list_ledger(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    """Newest first; an engineer sees the entries into and out of their own van."""
    stmt = select(LedgerEntry).order_by(LedgerEntry.id.desc())
    if actor.is_engineer:
        van = _own_van(actor)
        stmt = stmt.where(or_(LedgerEntry.from_location_id.in_(van), LedgerEntry.to_location_id.in_(van)))
    if filters.get("location_id") is not None:
        at = filters["location_id"]
        stmt = stmt.where(or_(LedgerEntry.from_location_id == at, LedgerEntry.to_location_id == at))
    if filters.get("sku"):
        stmt = stmt.where(LedgerEntry.part_id.in_(select(Part.id).where(Part.sku == filters["sku"])))
    for name in ("work_order_id", "kind", "serial"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(LedgerEntry, name) == filters[name])
    if filters.get("from_") is not None:
        stmt = stmt.where(LedgerEntry.at >= filters["from_"])
    if filters.get("to") is not None:
        stmt = stmt.where(LedgerEntry.at < filters["to"])
    return SelectCollection(uow.session, stmt)


def list_serials(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    """Where each serialized unit is now (physical or virtual); an engineer sees their own van's."""
    stmt = (select(SerialUnit).join(Part, Part.id == SerialUnit.part_id)
            .order_by(Part.sku, SerialUnit.serial))
    if actor.is_engineer:
        stmt = stmt.where(SerialUnit.location_id.in_(_own_van(actor)))
    for name, column in (("serial", SerialUnit.serial), ("sku", Part.sku),
                         ("location_id", SerialUnit.location_id), ("condition", SerialUnit.condition)):
        if filters.get(name) is not None:
            stmt = stmt.where(column == filters[name])
    return SelectCollection(uow.session, stmt)

