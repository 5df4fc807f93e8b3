"""Service requests: what a customer reported, and how triage answered it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime
from workorders.customers.models import Asset, Customer, Site
from workorders.errors import ServiceRequestClosed
from workorders.triage import Category, Channel


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED_REMOTELY = "resolved_remotely"
    CONVERTED = "converted"
    REJECTED = "rejected"


class ServiceRequest(Base):
    __tablename__ = "wo_service_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[RequestStatus] = mapped_column(
        Enum(RequestStatus, native_enum=False, length=20), default=RequestStatus.OPEN, index=True)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False, length=10))
    category: Mapped[Category] = mapped_column(Enum(Category, native_enum=False, length=16))
    customer_id: Mapped[int] = mapped_column(ForeignKey("wo_customer.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("wo_site.id"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("wo_asset.id"))
    symptom: Mapped[str] = mapped_column(Text)
    preferred_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    preferred_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_notes: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    triaged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    customer: Mapped[Customer] = relationship()
    site: Mapped[Site] = relationship()
    asset: Mapped[Asset | None] = relationship()

    def _close(self, status: RequestStatus, now: datetime) -> None:
        """Triage answers a request once; a second answer would contradict the first."""
        if self.status is not RequestStatus.OPEN:
            raise ServiceRequestClosed(
                f"Service request {self.number} is already {self.status.value}.",
                current=self.status.value)
        self.status = status
        self.triaged_at = now

    def resolve_remotely(self, notes: str, now: datetime) -> None:
        self._close(RequestStatus.RESOLVED_REMOTELY, now)
        self.resolution_notes = notes

    def reject(self, reason: str, now: datetime) -> None:
        self._close(RequestStatus.REJECTED, now)
        self.rejection_reason = reason

    def mark_converted(self, now: datetime) -> None:
        self._close(RequestStatus.CONVERTED, now)
