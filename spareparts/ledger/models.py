"""The ledger and what it feeds: immutable entries, the balances they sum to, serial units.

The ledger is the truth; a balance is the running sum of the ledger for one (location, part,
condition), kept in the same transaction as each entry so reads are cheap and a guarded
UPDATE can refuse to oversell. Checks the database can hold are constraints too: a physical
balance never goes negative and never reserves more than it holds, whatever path writes it.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DDL, CheckConstraint, Enum, ForeignKey, Index, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime
from spareparts.catalog.models import Part
from spareparts.locations.models import StockLocation

MAX_QTY = 100_000  # units in one movement line or one reservation


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


# The database refuses to rewrite history (PostgreSQL). Attached to the table so ``create_all``
# (the tests' schema) gets the trigger as the migration does.
REFUSE_FUNCTION = DDL(
    "CREATE OR REPLACE FUNCTION sp_ledger_entry_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $body$ BEGIN "
    "RAISE EXCEPTION USING MESSAGE = 'sp_ledger_entry is append-only: ' || TG_OP || ' refused', "
    "ERRCODE = 'insufficient_privilege'; "
    "END $body$"
)
REFUSE_TRIGGER = DDL(
    "CREATE TRIGGER sp_ledger_entry_append_only BEFORE UPDATE OR DELETE ON sp_ledger_entry "
    "FOR EACH ROW EXECUTE FUNCTION sp_ledger_entry_refuse_change()"
)
event.listen(LedgerEntry.__table__, "after_create", REFUSE_FUNCTION.execute_if(dialect="postgresql"))
event.listen(LedgerEntry.__table__, "after_create", REFUSE_TRIGGER.execute_if(dialect="postgresql"))


class SerialUnit(Base):
    """Where each unit of a serialized part is now, and in which condition; moved by every ledger
    entry that names its serial, so a serial can only leave a place it is actually in."""

    __tablename__ = "sp_serial_unit"
    __table_args__ = (UniqueConstraint("part_id", "serial", name="uq_sp_serial_unit_part_serial"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"))
    serial: Mapped[str] = mapped_column(String(64), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"), index=True)
    condition: Mapped[Condition] = mapped_column(Enum(Condition, native_enum=False, length=16))
    last_entry_id: Mapped[int] = mapped_column(ForeignKey("sp_ledger_entry.id"))

    part: Mapped[Part] = relationship(viewonly=True, lazy="joined", innerjoin=True)
    location: Mapped[StockLocation] = relationship(viewonly=True, lazy="joined", innerjoin=True)
