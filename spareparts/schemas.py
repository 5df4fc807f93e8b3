"""Request and response schemas for parts, stock, movements, reservations, pick lists, returns.

Load schemas name only what a client may send (anything else is a 422 naming the field);
dump schemas carry the server's fields. Bounds are tight so fuzzed input is a 422, never a 500.
Money is shown in yuan as a string ("180.00") and kept in whole cents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from spareparts.ledger.models import Condition, MovementKind
from spareparts.locations.models import LocationKind
from spareparts.reservations.models import ReservationStatus
from spareparts.returns.models import Disposition, ReturnStatus

MAX_ID = 2**31 - 1
MAX_QTY = 100_000
MONEY = validate.Regexp(r"^[0-9]{1,7}(\.[0-9]{1,2})?$", error="Yuan with up to two decimals, like 180.00.")
PRINTABLE = validate.Regexp(r"^[^\x00-\x1f\x7f]*$", error="Control characters are not allowed.")
SKU = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", error="Letters, digits and . _ / - only.")


def text(max_length: int, **options: Any) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=max_length), PRINTABLE], **options)


def sku(**options: Any) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=64), SKU], **options)


def ident(**options: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **options)


def query_id(**options: Any) -> fields.Integer:
    """Query strings are text: "7" is an id there (strict integers are for JSON bodies)."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **options)


def quantity(**options: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_QTY), **options)


def day(**options: Any) -> fields.Date:
    return fields.Date(validate=lambda d: 2000 <= d.year <= 2100 or _bad_year(), **options)


def moment(**options: Any) -> fields.AwareDateTime:
    return fields.AwareDateTime(validate=lambda d: 2000 <= d.year <= 2100 or _bad_year(), **options)


def _bad_year() -> bool:
    raise ValidationError("Year must be between 2000 and 2100.")


def yuan(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def cents(amount: str) -> int:
    return int(Decimal(amount) * 100)


# --- parts ----------------------------------------------------------------------------------


class PartFields(Schema):
    name = text(200)
    compatible_models = fields.List(text(120), validate=validate.Length(max=50),
                                    metadata={"description": "Product models this part fits."})
    unit_cost = fields.String(validate=MONEY, metadata={"description": "Yuan, e.g. 42.50."})
    price = fields.String(validate=MONEY, metadata={"description": "Yuan, e.g. 90.00."})
    returnable = fields.Boolean(metadata={"description": "The faulty part must come back when replaced."})
    reorder_point = fields.Integer(strict=True, validate=validate.Range(min=0, max=1_000_000))
    active = fields.Boolean()

    @post_load
    def _money(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for name in ("unit_cost", "price"):
            if name in data:
                data[f"{name}_cents"] = cents(data.pop(name))
        return data


class PartIn(PartFields):
    sku = sku(required=True)
    name = text(200, required=True)
    serialized = fields.Boolean(load_default=False, metadata={"description": "Each unit has a serial."})


class PartPatch(PartFields):
    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Send at least one field to change.")


class PartOut(Schema):
    id = fields.Integer(required=True)
    sku = fields.String(required=True)
    name = fields.String(required=True)
    compatible_models = fields.List(fields.String(), required=True)
    unit_cost = fields.Function(lambda p: yuan(p.unit_cost_cents), required=True)
    price = fields.Function(lambda p: yuan(p.price_cents), required=True)
    serialized = fields.Boolean(required=True)
    returnable = fields.Boolean(required=True)
    reorder_point = fields.Integer(required=True)
    active = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)


class PartQuery(Schema):
    q = text(64, metadata={"description": "Part of the SKU or name."})
    sku = sku()
    serialized = fields.Boolean()
    returnable = fields.Boolean()
    active = fields.Boolean()


class ImportOut(Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)


# --- locations and balances -----------------------------------------------------------------


class LocationIn(Schema):
    code = fields.String(required=True, validate=[validate.Length(min=1, max=32), SKU])
    name = text(120, required=True)
    kind = fields.Enum(LocationKind, by_value=True, load_default=LocationKind.WAREHOUSE,
                       metadata={"description": "Only warehouse: vans come with engineers."})
    lat = fields.Float(required=True, validate=validate.Range(min=-90, max=90))
    lon = fields.Float(required=True, validate=validate.Range(min=-180, max=180))


class LocationPatch(Schema):
    name = text(120)
    lat = fields.Float(validate=validate.Range(min=-90, max=90))
    lon = fields.Float(validate=validate.Range(min=-180, max=180))
    active = fields.Boolean()
    supplying_warehouse_id = ident(allow_none=True,
                                   metadata={"description": "Vans: the warehouse stocking it."})

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
    engineer_id = query_id()
    active = fields.Boolean()


class BalanceOut(Schema):
    location_id = fields.Integer(required=True)
    location_code = fields.String(required=True, attribute="location.code")
    location_kind = fields.Enum(LocationKind, by_value=True, required=True, attribute="location.kind")
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    part_name = fields.String(required=True, attribute="part.name")
    condition = fields.Enum(Condition, by_value=True, required=True)
    on_hand = fields.Integer(required=True)
    reserved = fields.Integer(required=True)
    available = fields.Integer(required=True)
    below_reorder_point = fields.Function(
        lambda b: b.condition is Condition.GOOD and b.location.kind is LocationKind.WAREHOUSE
        and b.available <= b.part.reorder_point, required=True)


class StockQuery(Schema):
    location_id = query_id()
    sku = sku()
    condition = fields.Enum(Condition, by_value=True)
    kind = fields.Enum(LocationKind, by_value=True, metadata={"description": "The location's kind."})
    include_virtual = fields.Boolean(load_default=False,
                                     metadata={"description": "Also supplier, customer, scrap… balances."})
    in_stock = fields.Boolean(metadata={"description": "true: on hand above zero only."})
    below_reorder_point = fields.Boolean(metadata={"description": "Good warehouse stock at or below it."})


# --- movements and the ledger ---------------------------------------------------------------


class MovementLine(Schema):
    sku = sku(required=True)
    qty = quantity(metadata={"description": "Units moved (1 when a serial is given). Not for adjust."})
    serial = text(64, metadata={"description": "Required for serialized parts; one unit per line."})
    counted_qty = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_QTY),
                                 metadata={"description": "adjust only: how many were counted."})


class MovementIn(Schema):
    kind = fields.Enum(MovementKind, by_value=True, required=True, validate=validate.NoneOf(
        [MovementKind.ISSUE], error="Issue a reservation or a pick list instead."))
    from_location_id = ident()
    to_location_id = ident()
    location_id = ident(metadata={"description": "adjust: where the count was taken."})
    condition = fields.Enum(Condition, by_value=True,
                            metadata={"description": "transfer, scrap, adjust: which stock (default good)."})
    disposition = fields.Enum(Disposition, by_value=True, metadata={"description": "disposition only."})
    work_order_id = ident(metadata={"description": "consume and collect: the job."})
    reason = text(500)
    lines = fields.List(fields.Nested(MovementLine), required=True, validate=validate.Length(min=1, max=100))

    @validates_schema
    def _lines_fit_the_kind(self, data: dict[str, Any], **_: Any) -> None:
        adjusting = data.get("kind") is MovementKind.ADJUST
        for number, line in enumerate(data.get("lines") or []):
            if adjusting and "counted_qty" not in line:
                raise ValidationError("Required for adjust.", f"lines.{number}.counted_qty")
            if not adjusting and "counted_qty" in line:
                raise ValidationError("Only for adjust.", f"lines.{number}.counted_qty")
            if not adjusting:
                line.setdefault("qty", 1)


class LedgerEntryOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.Enum(MovementKind, by_value=True, required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    qty = fields.Integer(required=True)
    from_location_id = fields.Integer(required=True)
    to_location_id = fields.Integer(required=True)
    condition = fields.Enum(Condition, by_value=True, required=True)
    to_condition = fields.Enum(Condition, by_value=True, required=True)
    serial = fields.String(allow_none=True)
    work_order_id = fields.Integer(allow_none=True)
    reservation_id = fields.Integer(allow_none=True)
    actor_user_id = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    at = fields.AwareDateTime(required=True)


class MovementOut(Schema):
    entries = fields.List(fields.Nested(LedgerEntryOut), required=True)


class LedgerQuery(Schema):
    sku = sku()
    location_id = query_id(metadata={"description": "Entries from or to this location."})
    work_order_id = query_id()
    kind = fields.Enum(MovementKind, by_value=True)
    serial = text(64)
    from_ = moment(data_key="from", metadata={"description": "At or after this instant."})
    to = moment(metadata={"description": "Before this instant."})


class SerialUnitOut(Schema):
    serial = fields.String(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True, attribute="part.sku")
    location_id = fields.Integer(required=True)
    location_code = fields.String(required=True, attribute="location.code")
    location_kind = fields.Enum(LocationKind, by_value=True, required=True, attribute="location.kind")
    condition = fields.Enum(Condition, by_value=True, required=True)
    last_entry_id = fields.Integer(required=True)


class SerialQuery(Schema):
    serial = text(64)
    sku = sku()
    location_id = query_id()
    condition = fields.Enum(Condition, by_value=True)


class MismatchOut(Schema):
    location_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    condition = fields.String(required=True)
    balance_on_hand = fields.Integer(required=True)
    ledger_on_hand = fields.Integer(required=True)
    balance_reserved = fields.Integer(required=True)
    active_reserved = fields.Integer(required=True)
    problem = fields.String(required=True)


class CheckOut(Schema):
    ok = fields.Boolean(required=True, metadata={"description": "Every balance equals its ledger sum."})
    balances_checked = fields.Integer(required=True)
    mismatches = fields.List(fields.Nested(MismatchOut), required=True)


# --- reservations and pick lists -----------------------------------------------------------


class ReservationIn(Schema):
    work_order_id = ident(required=True)
    sku = sku(required=True)
    location_id = ident(required=True, metadata={"description": "A warehouse or a van."})
    qty = quantity(required=True)
    engineer_id = ident(metadata={"description": "Who the parts are for (puts a warehouse line on "
                                                 "that engineer's pick list)."})
    needed_on = day(metadata={"description": "The service day the parts are for."})


class ReservationOut(Schema):
    id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True)
    location_id = fields.Integer(required=True)
    qty = fields.Integer(required=True)
    status = fields.Enum(ReservationStatus, by_value=True, required=True)
    engineer_id = fields.Integer(allow_none=True)
    needed_on = fields.Date(allow_none=True)
    pick_list_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    close_reason = fields.String(allow_none=True)


class ReservationQuery(Schema):
    status = fields.Enum(ReservationStatus, by_value=True)
    work_order_id = query_id()
    location_id = query_id()
    engineer_id = query_id()
    pick_list_id = query_id()
    needed_on = day()
    sku = sku()


class ReleaseIn(Schema):
    reason = text(500)


class IssueIn(Schema):
    serials = fields.List(text(64), validate=validate.Length(max=1000),
                          metadata={"description": "Serialized parts: one serial per unit."})


class PickLineOut(Schema):
    reservation_id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    work_order_number = fields.String(allow_none=True)
    sku = fields.String(required=True)
    part_name = fields.String(required=True)
    serialized = fields.Boolean(required=True)
    qty = fields.Integer(required=True)
    status = fields.Enum(ReservationStatus, by_value=True, required=True)


class PickListOut(Schema):
    id = fields.Integer(required=True)
    warehouse_id = fields.Integer(required=True)
    warehouse_code = fields.String(required=True)
    needed_on = fields.Date(required=True)
    engineer_id = fields.Integer(required=True)
    engineer_name = fields.String(allow_none=True)
    van_id = fields.Integer(allow_none=True)
    open_lines = fields.Integer(required=True)
    lines = fields.List(fields.Nested(PickLineOut), required=True)


class PickListQuery(Schema):
    date = day(required=True, metadata={"description": "The service day."})
    warehouse_id = query_id()
    engineer_id = query_id()


class PickIssueLine(Schema):
    reservation_id = ident(required=True)
    serials = fields.List(text(64), validate=validate.Length(max=1000))


class PickIssueIn(Schema):
    lines = fields.List(fields.Nested(PickIssueLine), validate=validate.Length(min=1, max=500),
                        metadata={"description": "The lines handed over; leave out to issue every "
                                                 "open line."})


# --- faulty returns -------------------------------------------------------------------------


class FaultyReturnOut(Schema):
    id = fields.Integer(required=True)
    work_order_id = fields.Integer(required=True)
    part_id = fields.Integer(required=True)
    sku = fields.String(required=True)
    qty = fields.Integer(required=True)
    engineer_id = fields.Integer(allow_none=True)
    van_id = fields.Integer(required=True)
    new_serial = fields.String(allow_none=True)
    old_serial = fields.String(allow_none=True)
    status = fields.Enum(ReturnStatus, by_value=True, required=True)
    due_on = fields.Date(required=True)
    overdue = fields.Boolean(required=True)
    opened_at = fields.AwareDateTime(required=True)
    collected_at = fields.AwareDateTime(allow_none=True)
    received_at = fields.AwareDateTime(allow_none=True)
    received_at_location_id = fields.Integer(allow_none=True)
    dispositioned_at = fields.AwareDateTime(allow_none=True)
    disposition = fields.Enum(Disposition, by_value=True, allow_none=True)


class FaultyReturnQuery(Schema):
    status = fields.Enum(ReturnStatus, by_value=True)
    overdue = fields.Boolean()
    engineer_id = query_id()
    work_order_id = query_id()
    sku = sku()


class CollectIn(Schema):
    serial = text(64, metadata={"description": "The faulty part's serial, when it has one."})


class ReceiveIn(Schema):
    warehouse_id = ident(required=True)


class DispositionIn(Schema):
    disposition = fields.Enum(Disposition, by_value=True, required=True)
    reason = text(500)


class ComplianceOut(Schema):
    as_of = fields.Date(required=True)
    due = fields.Integer(required=True, metadata={"description": "Returns due before today."})
    returned_on_time = fields.Integer(required=True)
    overdue = fields.Integer(required=True)
    open = fields.Integer(required=True)
    compliance_pct = fields.Float(required=True)
