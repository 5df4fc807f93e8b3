"""HTTP views for parts, stock locations, stock and its ledger, reservations, pick lists and
faulty returns.

Warehouse staff do everything here; dispatchers read; an engineer reads their own van's stock
and records parts consumed and faulty parts collected on their own jobs (another engineer's
van or job answers 404). No view shows a customer's phone or address: jobs appear by id and
number only.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_smorest import Blueprint, Page

from core.auth import Role
from core.errors import FieldError, InvalidInput
from core.web import current_actor, current_uow, idempotent, roles
from spareparts import schemas as s
from spareparts.catalog import service as catalog
from spareparts.locations import service as locations
from spareparts.reservations import picking
from spareparts.reservations import service as reservations
from spareparts.returns import service as returns
from spareparts.returns.models import FaultyReturn
from spareparts.stock import books, movements
from spareparts.stock import service as stock

blp = Blueprint("spareparts", __name__, url_prefix="/api/v1",
                description="Parts, stock locations, the stock ledger, reservations, pick lists, "
                            "faulty returns")

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)
MAX_CSV_BYTES = 2 * 1024 * 1024
CSV_BODY = {"required": True, "content": {"text/csv": {"schema": {"type": "string"}, "example":
            "sku,name,compatible_models,unit_cost,price,serialized,returnable,reorder_point,active\n"
            "LK-MOTOR,Lock motor,Aqara Smart Lock U200,42.00,90.00,false,true,5,true\n"}}}
CSV_ANSWER = {"200": {"description": "The catalog as CSV, one part per row.",
                      "content": {"text/csv": {"schema": {"type": "string"}}}}}


class WithOverdue:
    """Faulty returns annotated with ``overdue`` for today's (service-timezone) date."""

    def __init__(self, rows: Any, today: Any) -> None:
        self.rows, self.today = rows, today

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, window: slice) -> list[FaultyReturn]:
        return [_overdue(row, self.today) for row in self.rows[window]]


def _overdue(row: FaultyReturn, today: Any) -> FaultyReturn:
    row.overdue = row.overdue_on(today)  # type: ignore[attr-defined]
    return row


# --- parts ----------------------------------------------------------------------------------


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


# --- stock locations ------------------------------------------------------------------------


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


# --- stock and the ledger -------------------------------------------------------------------


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


# --- reservations and pick lists ------------------------------------------------------------


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


# --- faulty returns -------------------------------------------------------------------------


@blp.route("/faulty-returns", methods=["GET"])
@blp.arguments(s.FaultyReturnQuery, location="query", as_kwargs=True)
@blp.response(200, s.FaultyReturnOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_faulty_returns(**filters: Any) -> Any:
    """Parts owed back, soonest due first; ``overdue=true`` for the ones past due."""
    uow = current_uow()
    return WithOverdue(returns.list_returns(uow, current_actor(), filters), returns.today(uow))


@blp.route("/faulty-returns/compliance", methods=["GET"])
@blp.response(200, s.ComplianceOut)
@roles(WAREHOUSE, DISPATCHER)
def returns_compliance() -> Any:
    """Of the returns due before today, how many came back by their due day."""
    return returns.compliance(current_uow())


@blp.route("/faulty-returns/<int:return_id>", methods=["GET"])
@blp.response(200, s.FaultyReturnOut)
@roles(*READERS)
def get_faulty_return(return_id: int) -> Any:
    uow = current_uow()
    return _overdue(returns.get_return(uow, current_actor(), return_id), returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/collect", methods=["POST"])
@blp.arguments(s.CollectIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE, ENGINEER)
@idempotent
def collect_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    """The engineer took the faulty part from the customer into the van."""
    uow, actor = current_uow(), current_actor()
    returns.collect_owed(uow, actor, return_id, data.get("serial"))
    return _overdue(returns.get_return(uow, actor, return_id), returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/receive", methods=["POST"])
@blp.arguments(s.ReceiveIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE)
def receive_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    uow = current_uow()
    received = returns.receive(uow, current_actor(), return_id, data["warehouse_id"])
    return _overdue(received, returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/disposition", methods=["POST"])
@blp.arguments(s.DispositionIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE)
def disposition_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    """refurbish (to repair), scrap, vendor, or restock (tested good: back on the shelf)."""
    uow = current_uow()
    done = returns.disposition(uow, current_actor(), return_id, data["disposition"], data.get("reason"))
    return _overdue(done, returns.today(uow))
