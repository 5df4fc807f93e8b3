"""Stock locations: warehouses (with coordinates), one van per engineer, and the virtual places
stock comes from and goes to (supplier, customer, scrap, vendor, repair, adjustment)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from core.auth import Actor
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from spareparts.errors import LocationNotFound, UnknownLocation
from spareparts.locations.models import VIRTUAL_KINDS, LocationKind, StockLocation

LARGEST_ID = 2**31 - 1
VIRTUAL_NAMES = {
    LocationKind.SUPPLIER: "Suppliers", LocationKind.CUSTOMER: "Customers' sites",
    LocationKind.SCRAP: "Scrapped", LocationKind.VENDOR: "Returned to vendor",
    LocationKind.REPAIR: "Repair shop", LocationKind.ADJUSTMENT: "Count adjustments",
}


def virtual_location(uow: UnitOfWork, kind: LocationKind) -> StockLocation:
    """The one location of a virtual kind, made on first use (concurrently safe)."""
    code = kind.value.upper()
    found = uow.session.scalar(select(StockLocation).where(StockLocation.code == code))
    if found is not None:
        return found
    dialect_insert = postgresql.insert if uow.session.bind.dialect.name == "postgresql" else sqlite.insert
    uow.session.execute(dialect_insert(StockLocation).values(
        code=code, name=VIRTUAL_NAMES[kind], kind=kind, active=True).on_conflict_do_nothing(
        index_elements=["code"]))
    return uow.session.scalars(select(StockLocation).where(StockLocation.code == code)).one()


def location_by_id(uow: UnitOfWork, location_id: int, field: str = "location_id") -> StockLocation:
    """A location named in a request body: unknown is invalid input (422)."""
    location = uow.session.get(StockLocation, location_id) if 0 < location_id <= LARGEST_ID else None
    if location is None:
        raise UnknownLocation(location_id, field)
    return location


def visible_locations(actor: Actor, stmt: Any) -> Any:
    """An engineer sees only their own van; everyone else sees every location."""
    if actor.is_engineer:
        return stmt.where(StockLocation.engineer_id == actor.engineer_id,
                          StockLocation.engineer_id.is_not(None))
    return stmt


def get_location(uow: UnitOfWork, actor: Actor, location_id: int) -> StockLocation:
    """A location in the path: another engineer's van is "not found" like a missing one."""
    stmt = visible_locations(actor, select(StockLocation).where(StockLocation.id == location_id))
    location = uow.session.scalar(stmt) if 0 < location_id <= LARGEST_ID else None
    if location is None:
        raise LocationNotFound(f"No stock location {location_id}.")
    return location


def list_locations(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(StockLocation).order_by(StockLocation.kind, StockLocation.code)
    for name in ("kind", "engineer_id", "active"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(StockLocation, name) == filters[name])
    return SelectCollection(uow.session, visible_locations(actor, stmt))


def create_location(uow: UnitOfWork, fields: dict[str, Any]) -> StockLocation:
    """Warehouses are made here; vans come with their engineer; virtual ones exist once each."""
    kind = fields["kind"]
    if kind is not LocationKind.WAREHOUSE:
        raise InvalidInput("Only warehouses are created here.", [FieldError(
            "kind", "Vans are created with their engineer; virtual locations exist already.")])
    if fields.get("lat") is None or fields.get("lon") is None:
        raise InvalidInput("A warehouse needs coordinates.", [FieldError("lat", "Give lat and lon.")])
    if uow.session.scalar(select(StockLocation.id).where(StockLocation.code == fields["code"])):
        raise InvalidInput("Code taken.", [FieldError("code", "Another location has this code.")])
    location = StockLocation(**fields, active=True)
    uow.session.add(location)
    uow.session.flush()
    return location


def update_location(uow: UnitOfWork, actor: Actor, location_id: int,
                    changes: dict[str, Any]) -> StockLocation:
    location = get_location(uow, actor, location_id)
    if "supplying_warehouse_id" in changes:
        supplier = changes["supplying_warehouse_id"]
        if location.kind is not LocationKind.VAN:
            raise InvalidInput("Only a van has a supplying warehouse.",
                               [FieldError("supplying_warehouse_id", "Only for vans.")])
        if supplier is not None and location_by_id(uow, supplier, "supplying_warehouse_id").kind \
                is not LocationKind.WAREHOUSE:
            raise InvalidInput("Vans are stocked from a warehouse.",
                               [FieldError("supplying_warehouse_id", "Not a warehouse.")])
    if location.kind in VIRTUAL_KINDS and ({"lat", "lon"} & set(changes)):
        raise InvalidInput("Virtual locations have no place.", [FieldError("lat", "Not for this kind.")])
    for name, value in changes.items():
        setattr(location, name, value)
    uow.session.flush()
    return location


def find_van(uow: UnitOfWork, engineer_id: int) -> StockLocation | None:
    """The engineer's van, or None (planning reads it through ``spareparts.van_location_of``)."""
    return uow.session.scalar(select(StockLocation).where(
        StockLocation.engineer_id == engineer_id, StockLocation.kind == LocationKind.VAN))


def nearest_warehouse(uow: UnitOfWork, lat: float, lon: float) -> StockLocation | None:
    warehouses = uow.session.scalars(select(StockLocation).where(
        StockLocation.kind == LocationKind.WAREHOUSE, StockLocation.active.is_(True))).all()
    return min(warehouses, key=lambda w: (w.distance_m(lat, lon), w.id), default=None)


def create_van(uow: UnitOfWork, engineer_id: int, name: str, home_lat: float,
               home_lon: float) -> StockLocation:
    """The engineer's van, stocked from the warehouse nearest their home. Idempotent."""
    existing = find_van(uow, engineer_id)
    if existing is not None:
        return existing
    supplier = nearest_warehouse(uow, home_lat, home_lon)
    van = StockLocation(code=f"VAN-{engineer_id}", name=f"Van of {name}"[:120], kind=LocationKind.VAN,
                        engineer_id=engineer_id, supplying_warehouse_id=supplier.id if supplier else None,
                        active=True)
    uow.session.add(van)
    uow.session.flush()
    return van

