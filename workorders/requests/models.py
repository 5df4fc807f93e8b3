"""Service requests: what a customer reported, and how triage answered it.

A request has an owner at the desk, a time by which the customer must hear back, possibly a
call-back agreed with them, and a log of every step taken on it (who, when, what).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.auth import Actor
from core.db import Base, UTCDateTime
from workorders.customers.models import Asset, Customer, Site
from workorders.errors import ServiceRequestClosed
from workorders.orders.models import WorkOrder
from workorders.triage import Category, Channel


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED_REMOTELY = "resolved_remotely"
    CONVERTED = "converted"
    REJECTED = "rejected"
    COMPLAINT_OPENED = "complaint_opened"


class StepKind(enum.StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    REMOTE_ASSISTANCE = "remote_assistance"
    CALL_BACK = "call_back"
    RESOLVED_REMOTELY = "resolved_remotely"
    CONVERTED = "converted"
    REJECTED = "rejected"
    COMPLAINT_OPENED = "complaint_opened"


class RequestStep(Base):
    """One line of a request's log: who did what, when (and with whose consent)."""

    __tablename__ = "wo_service_request_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    service_request_id: Mapped[int] = mapped_column(ForeignKey("wo_service_request.id"), index=True)
    kind: Mapped[StepKind] = mapped_column(Enum(StepKind, native_enum=False, length=20))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    consent_name: Mapped[str | None] = mapped_column(String(120))


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
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"), index=True)
    respond_by: Mapped[datetime | None] = mapped_column(UTCDateTime())
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    remote_assistance_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Found at intake. A number, not a foreign key: wo_work_order already points here
    # (service_request_id), and a key each way would make the two tables a cycle.
    repeat_of_work_order_id: Mapped[int | None] = mapped_column()
    repeat_of_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    customer: Mapped[Customer] = relationship()
    site: Mapped[Site] = relationship()
    asset: Mapped[Asset | None] = relationship()
    # Read with the request itself (no extra statement per row in a list).
    repeat_of_number: Mapped[str | None] = column_property(
        select(WorkOrder.number).where(WorkOrder.id == repeat_of_work_order_id)
        .correlate_except(WorkOrder).scalar_subquery())
    repeat_of_engineer_id: Mapped[int | None] = column_property(
        select(WorkOrder.engineer_id).where(WorkOrder.id == repeat_of_work_order_id)
        .correlate_except(WorkOrder).scalar_subquery())
    log: Mapped[list[RequestStep]] = relationship(cascade="all, delete-orphan", order_by=RequestStep.id)

    @property
    def repeat_repair(self) -> bool:
        return self.repeat_of_work_order_id is not None

    def record(self, kind: StepKind, actor: Actor | None, now: datetime, notes: str | None = None,
               consent_name: str | None = None) -> RequestStep:
        step = RequestStep(kind=kind, at=now, actor_user_id=actor.user_id if actor else None, notes=notes,
                           consent_name=consent_name)
        self.log.append(step)
        return step

    def require_open(self) -> None:
        """Triage answers a request once; a second answer would contradict the first."""
        if self.status is not RequestStatus.OPEN:
            raise ServiceRequestClosed(
                f"Service request {self.number} is already {self.status.value}.",
                current=self.status.value)

    def _close(self, status: RequestStatus, actor: Actor | None, now: datetime, kind: StepKind,
               notes: str | None) -> None:
        self.require_open()
        self.status = status
        self.triaged_at = now
        self.callback_at = None  # nothing left to call back about
        self.record(kind, actor, now, notes)

    def assign(self, owner_user_id: int | None, actor: Actor, now: datetime) -> None:
        self.require_open()
        self.owner_user_id = owner_user_id
        self.record(StepKind.ASSIGNED, actor, now, None if owner_user_id else "Unassigned.")

    def try_remote_assistance(self, consent_name: str, notes: str, actor: Actor, now: datetime) -> None:
        """Remote access to the customer's device needs their consent, recorded with who gave it."""
        self.require_open()
        self.remote_assistance_at = now
        self.record(StepKind.REMOTE_ASSISTANCE, actor, now, notes, consent_name)

    def agree_call_back(self, at: datetime | None, notes: str | None, actor: Actor, now: datetime) -> None:
        """Waiting on the customer: the owner is reminded at ``at`` (None: no call-back pending)."""
        self.require_open()
        self.callback_at = at
        self.record(StepKind.CALL_BACK, actor, now, notes)

    def resolve_remotely(self, notes: str, actor: Actor | None, now: datetime) -> None:
        self._close(RequestStatus.RESOLVED_REMOTELY, actor, now, StepKind.RESOLVED_REMOTELY, notes)
        self.resolution_notes = notes

    def reject(self, reason: str, actor: Actor | None, now: datetime) -> None:
        self._close(RequestStatus.REJECTED, actor, now, StepKind.REJECTED, reason)
        self.rejection_reason = reason

    def mark_converted(self, work_order_number: str, actor: Actor | None, now: datetime) -> None:
        self._close(RequestStatus.CONVERTED, actor, now, StepKind.CONVERTED, work_order_number)

    def mark_complaint_opened(self, complaint_number: str, actor: Actor | None, now: datetime) -> None:
        self._close(RequestStatus.COMPLAINT_OPENED, actor, now, StepKind.COMPLAINT_OPENED, complaint_number)
