"""The customer-notice outbox: one row per message to a customer about their visit.

A row is written in the transaction that changed what the customer was told (publishing a
plan) and sent later by a sender; its status says how far it got. The foreign keys name other
packages' tables (the only place they are named); every fact on the row came in an event.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime

MAX_ATTEMPTS = 5


class NoticeStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class CustomerNotice(Base):
    """A message to a customer about their visit, sent later by a sender."""

    __tablename__ = "nt_customer_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("wo_customer.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("dp_plan.id"))
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"))
    engineer_name: Mapped[str | None] = mapped_column(String(120))
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    window_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    planned_arrival: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message: Mapped[str] = mapped_column(String(1000))
    status: Mapped[NoticeStatus] = mapped_column(
        Enum(NoticeStatus, native_enum=False, length=16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def tells(self, engineer_id: int | None, window_start: datetime | None,
              window_end: datetime | None) -> bool:
        """True when this notice already told the customer this engineer and this window."""
        told = (self.engineer_id, self.window_start, self.window_end)
        return told == (engineer_id, window_start, window_end)

    def sent(self, now: datetime) -> None:
        self.attempts += 1
        self.status, self.sent_at = NoticeStatus.SENT, now

    def failed(self) -> None:
        """One more failed attempt; after ``MAX_ATTEMPTS`` the notice is given up."""
        self.attempts += 1
        if self.attempts >= MAX_ATTEMPTS:
            self.status = NoticeStatus.FAILED
