"""Stock over HTTP: balances, movements, the ledger, serial units and the books check.

Warehouse staff record every kind of movement; an engineer records parts consumed and faulty
parts collected on their own jobs and reads their own van's stock (another's answers 404).
"""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, idempotent, roles
from spareparts.stock import books, movements
from spareparts.stock import schemas as s
from spareparts.stock import service as stock

blp = Blueprint("stock", __name__)

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)


@blp.route("/stock", methods=["GET"])
@blp.arguments(s.StockQuery, location="query", as_kwargs=True)
@blp.response(200, s.BalanceOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_stock(**filters: Any) -> Any:
    """Balances by location, part and condition (available = good on hand − reserved)."""
    return stock.list_balances(current_uow(), current_actor(), filters)


@blp.route("/stock/movements", methods=["POST"])
@blp.arguments(s.MovementIn)
@blp.response(201, s.MovementOut)
@roles(WAREHOUSE, ENGINEER)
@idempotent
def post_movement(data: dict[str, Any]) -> Any:
    """Records one movement of one or more lines, all or nothing.

    receive (to_location_id: warehouse) · transfer (from/to: warehouse or van) · adjust
    (location_id, lines with counted_qty) · scrap (from_location_id) · consume (work_order_id,
    from the job's van) · collect (work_order_id, into the job's van, defective) · return
    (from_location_id: van, to_location_id: warehouse, defective) · disposition
    (from_location_id: warehouse, disposition: refurbish | scrap | vendor | restock).
    Engineers record consume and collect on their own jobs only.
    """
    return {"entries": movements.record_movement(current_uow(), current_actor(), data)}


@blp.route("/stock/ledger", methods=["GET"])
@blp.arguments(s.LedgerQuery, location="query", as_kwargs=True)
@blp.response(200, s.LedgerEntryOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_ledger(**filters: Any) -> Any:
    """Ledger entries, newest first; an engineer sees the ones touching their own van."""
    return stock.list_ledger(current_uow(), current_actor(), filters)


@blp.route("/stock/serials", methods=["GET"])
@blp.arguments(s.SerialQuery, location="query", as_kwargs=True)
@blp.response(200, s.SerialUnitOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_serials(**filters: Any) -> Any:
    """Where each unit of a serialized part is now: a serial leaves only the place it is in."""
    return stock.list_serials(current_uow(), current_actor(), filters)


@blp.route("/stock/check", methods=["GET"])
@blp.response(200, s.CheckOut)
@roles(WAREHOUSE, DISPATCHER)
def check_stock() -> Any:
    """Reconciles every balance with the sum of its ledger entries and its active reservations."""
    return books.check_books(current_uow())
