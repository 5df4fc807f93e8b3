"""The faulty-part loop: fitting a returnable part owes the old one back."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime
from spareparts.catalog.models import Part


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


class FaultyReturn(Base):
    """The old part owed back after a returnable part was fitted: one per consumption entry.

    The one record of the faulty part (STYLE §2: one owner per fact). A part fitted through the
    work order's parts list links its line (``part_used_id``); the engineer may say there why
    the faulty part does not come back (``not_returned_reason``), which the work order's
    completion gate accepts in place of the part.
    """

    __tablename__ = "sp_faulty_return"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consume_entry_id: Mapped[int] = mapped_column(ForeignKey("sp_ledger_entry.id"), unique=True)
    part_used_id: Mapped[int | None] = mapped_column(ForeignKey("wo_part_used.id"), unique=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("sp_part.id"))
    qty: Mapped[int]
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), index=True)
    van_id: Mapped[int] = mapped_column(ForeignKey("sp_stock_location.id"))
    new_serial: Mapped[str | None] = mapped_column(String(64))
    old_serial: Mapped[str | None] = mapped_column(String(64), index=True)
    not_returned_reason: Mapped[str | None] = mapped_column(String(500))
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
