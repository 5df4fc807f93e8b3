"""Spare parts: the catalog, stock locations, the append-only ledger and what it feeds.

The ledger is the truth; a balance is the running sum of the ledger for one (location, part,
condition), kept in the same transaction as each entry so reads are cheap and a guarded
UPDATE can refuse to oversell. Checks the database can hold are constraints too: a physical
balance never goes negative and never reserves more than it holds, whatever path writes it.
"""

from __future__ import annotations

import enum
import math
from datetime import date, datetime, timedelta

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime


class LocationKind(enum.StrEnum):
    WAREHOUSE = "warehouse"
    VAN = "van"
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    SCRAP = "scrap"
    VENDOR = "vendor"
    REPAIR = "repair"
    ADJUSTMENT = "adjustment"  # where counted gains come from and counted losses go


PHYSICAL_KINDS = frozenset({LocationKind.WAREHOUSE, LocationKind.VAN})
VIRTUAL_KINDS = frozenset(set(LocationKind) - PHYSICAL_KINDS)


class Condition(enum.StrEnum):
    GOOD = "good"
    DEFECTIVE = "defective"


class MovementKind(enum.StrEnum):
    RECEIVE = "receive"
    TRANSFER = "transfer"
    ADJUST = "adjust"
    SCRAP = "scrap"
    ISSUE = "issue"
    CONSUME = "consume"
    COLLECT = "collect"
    RETURN = "return"
    DISPOSITION = "disposition"


class ReservationStatus(enum.StrEnum):
    ACTIVE = "active"
    ISSUED = "issued"
    RELEASED = "released"
    EXPIRED = "expired"


class ReturnStatus(enum.StrEnum):
    EXPECTED = "expected"
    COLLECTED = "collected"
    RECEIVED = "received"
    DISPOSITIONED = "dispositioned"


class Disposition(enum.StrEnum):
    REFURBISH = "refurbish"  # defective, to the repair shop
    SCRAP = "scrap"
    VENDOR = "vendor"  # back to the vendor under warranty
    RESTOCK = "restock"  # tested and found good: back on the shelf as good stock


class Part(Base):
    __tablename__ = "sp_part"
    __table_args__ = (
        CheckConstraint("unit_cost_cents >= 0 AND price_cents >= 0", name="money_not_negative"),
        CheckConstraint("reorder_point >= 0", name="reorder_point_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    compatible_models: Mapped[list[str]] = mapped_column(JSON, default=list)
    unit_cost_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    price_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    serialized: Mapped[bool] = mapped_column(default=False)
    returnable: Mapped[bool] = mapped_column(default=False)
    reorder_point: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StockLocation(Base):
    __tablename__ = "sp_stock_location"
    __table_args__ = (
        CheckConstraint("lat IS NULL OR lat BETWEEN -90 AND 90", name="lat_range"),
        CheckConstraint("lon IS NULL OR lon BETWEEN -180 AND 180", name="lon_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[LocationKind] = mapped_column(Enum(LocationKind, native_enum=False, length=16), index=True)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), unique=True)
    supplying_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("sp_stock_location.id"))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def physical(self) -> bool:
        """Stock one can touch: it must never go below zero."""
        return self.kind in PHYSICAL_KINDS

    def distance_m(self, lat: float, lon: float) -> float:
        """Great-circle distance, enough to pick the nearest warehouse for a van."""
        if self.lat is None or self.lon is None:
            return math.inf
        phi1, phi2 = math.radians(self.lat), math.radians(lat)
        d_phi, d_lambda = phi2 - phi1, math.radians(lon - self.lon)
        a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
        return 2 * 6_371_000 * math.asin(math.sqrt(a))


class StockBalance(Base):
    """On hand per (location, part, condition), and how much of it active reservations hold."""

    __tablename__ = "sp_stock_balance"
    __table_args__ = (
        UniqueConstraint("location_id", "part_id", "condition", name="uq_sp_stock_balance_key"),
        CheckConstraint("NOT physical OR on_hand >= 0", name="physical_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved = 0 OR (physical AND reserved <= on_hand)", name="reserved_within_on_hand"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"))
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"), index=True)
    condition: Mapped[Condition] = mapped_column(Enum(Condition, native_enum=False, length=16))
    physical: Mapped[bool]
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)

    part: Mapped[Part] = relationship(viewonly=True, lazy="joined", innerjoin=True)
    location: Mapped[StockLocation] = relationship(viewonly=True, lazy="joined", innerjoin=True)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class LedgerEntry(Base):
    """One immutable movement. Never updated or deleted: a mistake gets a compensating entry."""

    __tablename__ = "sp_ledger_entry"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("serial IS NULL OR qty = 1", name="one_unit_per_serial"),
        Index("ix_sp_ledger_entry_part_at", "part_id", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MovementKind] = mapped_column(Enum(MovementKind, native_enum=False, length=16))
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"))
    qty: Mapped[int]
    from_location_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"), index=True)
    to_location_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"), index=True)
    condition: Mapped[Condition] = mapped_column(Enum(Condition, native_enum=False, length=16))
    to_condition: Mapped[Condition] = mapped_column(Enum(Condition, native_enum=False, length=16))
    serial: Mapped[str | None] = mapped_column(String(64), index=True)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("sp_reservation.id"))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    reason: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(UTCDateTime())

    part: Mapped[Part] = relationship(viewonly=True, lazy="joined", innerjoin=True)


class PickList(Base):
    """What one warehouse hands one engineer for one day; its lines are reservations."""

    __tablename__ = "sp_pick_list"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "needed_on", "engineer_id", name="uq_sp_pick_list_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"))
    needed_on: Mapped[date] = mapped_column(Date(), index=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id"))


class Reservation(Base):
    __tablename__ = "sp_reservation"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"), index=True)
    qty: Mapped[int]
    status: Mapped[ReservationStatus] = mapped_column(
        Enum(ReservationStatus, native_enum=False, length=16), index=True)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"))
    needed_on: Mapped[date | None] = mapped_column(Date())
    pick_list_id: Mapped[int | None] = mapped_column(ForeignKey("sp_pick_list.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    close_reason: Mapped[str | None] = mapped_column(String(500))

    part: Mapped[Part] = relationship(viewonly=True, lazy="joined", innerjoin=True)

    @property
    def sku(self) -> str:
        return self.part.sku

    @property
    def active(self) -> bool:
        return self.status is ReservationStatus.ACTIVE

    def close(self, status: ReservationStatus, now: datetime, reason: str | None) -> None:
        """Only an active reservation moves on; the caller has already given its stock back."""
        self.status, self.closed_at, self.close_reason = status, now, reason


class FaultyReturn(Base):
    """The old part owed back after a returnable part was fitted: one per consumption entry."""

    __tablename__ = "sp_faulty_return"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consume_entry_id: Mapped[int] = mapped_column(ForeignKey("sp_ledger_entry.id"), unique=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"))
    qty: Mapped[int]
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), index=True)
    van_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"))
    new_serial: Mapped[str | None] = mapped_column(String(64))
    old_serial: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[ReturnStatus] = mapped_column(Enum(ReturnStatus, native_enum=False, length=16), index=True)
    due_on: Mapped[date] = mapped_column(Date(), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at_location_id: Mapped[int | None] = mapped_column(ForeignKey("sp_stock_location.id"))
    dispositioned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disposition: Mapped[Disposition | None] = mapped_column(Enum(Disposition, native_enum=False, length=16))

    part: Mapped[Part] = relationship(viewonly=True, lazy="joined", innerjoin=True)

    @property
    def sku(self) -> str:
        return self.part.sku

    def overdue_on(self, today: date) -> bool:
        """Owed and not yet back at a warehouse after its due day."""
        return self.status in (ReturnStatus.EXPECTED, ReturnStatus.COLLECTED) and today > self.due_on

    @staticmethod
    def due_after(opened_on: date, days: int) -> date:
        return opened_on + timedelta(days=days)
