"""Reservations: a quantity of good stock held at a location for a work order, and the pick
lists that group a warehouse's reservations per engineer and day."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime
from spareparts.catalog.models import Part


class ReservationStatus(enum.StrEnum):
    ACTIVE = "active"
    ISSUED = "issued"
    RELEASED = "released"
    EXPIRED = "expired"


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
