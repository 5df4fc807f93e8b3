"""What hangs off a work order: skills and parts it needs, parts used, its history,
the customer's signature and feedback."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.auth import Role
from core.db import Base, UTCDateTime
from workorders.lifecycle import HoldReason, Status


class RequiredSkill(Base):
    __tablename__ = "wo_required_skill"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    skill: Mapped[str] = mapped_column(String(64))
    min_level: Mapped[int]


class PartNeeded(Base):
    """A part the job will likely need; free-text SKU until the parts catalog exists."""

    __tablename__ = "wo_part_needed"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int]


class PartUsed(Base):
    """A part fitted on site; a returnable one owes back the faulty part it replaced."""

    __tablename__ = "wo_part_used"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int]
    serial: Mapped[str | None] = mapped_column(String(64))
    returnable: Mapped[bool] = mapped_column(default=False)
    faulty_serial: Mapped[str | None] = mapped_column(String(64))
    faulty_missing_reason: Mapped[str | None] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by_user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id"))

    @property
    def faulty_part_accounted(self) -> bool:
        return not self.returnable or bool(self.faulty_serial or self.faulty_missing_reason)


class EventKind(enum.StrEnum):
    TRANSITION = "transition"
    CUSTOMER_CONTACTED = "customer_contacted"


class WorkOrderEvent(Base):
    """One row per status change (and per call-back): who, when, from, to, why, where."""

    __tablename__ = "wo_work_order_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(Enum(EventKind, native_enum=False, length=20))
    from_status: Mapped[Status] = mapped_column(Enum(Status, native_enum=False, length=16))
    to_status: Mapped[Status] = mapped_column(Enum(Status, native_enum=False, length=16))
    actor_user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id"))
    actor_role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(500))
    hold_reason: Mapped[HoldReason | None] = mapped_column(Enum(HoldReason, native_enum=False, length=20))
    lat: Mapped[float | None]
    lon: Mapped[float | None]


class Signature(Base):
    """The customer's signature as a PNG, kept with the job it acknowledges."""

    __tablename__ = "wo_signature"
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), primary_key=True)
    signer_name: Mapped[str] = mapped_column(String(120))
    image_png: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Feedback(Base):
    __tablename__ = "wo_feedback"
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), primary_key=True)
    rating: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    complaint_request_id: Mapped[int | None] = mapped_column(ForeignKey("wo_service_request.id"))
