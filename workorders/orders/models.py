"""The work order: one visit to fix one problem, the rules of its lifecycle, and what hangs off
it (skills and parts it needs, parts used, its history, the customer's signature and feedback).

Rules live here as methods that take ``now`` and the actor; they never touch the session,
Flask or the clock, so the lifecycle is testable on plain objects.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Enum, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship
from sqlalchemy.orm.attributes import flag_modified

from core.auth import Actor, Role
from core.clock import local_date
from core.db import Base, UTCDateTime
from core.errors import FieldError, InvalidInput
from workorders import lifecycle
from workorders.customers.models import Customer, Site
from workorders.lifecycle import CompletionProof, Consent, HoldReason, Status
from workorders.ports import FaultyPartFacts
from workorders.triage import WorkType, is_chargeable

CENT = Decimal("0.01")


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
    """A part fitted on site, as the engineer entered it. Whether it owes its faulty part back,
    and what became of that part, is spare parts' record (``ports.FaultyPartsOfWorkOrder``)."""

    __tablename__ = "wo_part_used"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int]
    serial: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by_user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id"))


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
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("wo_complaint.id"))


class WorkOrder(Base):
    __tablename__ = "wo_work_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    version: Mapped[int] = mapped_column(nullable=False)
    status: Mapped[Status] = mapped_column(
        Enum(Status, native_enum=False, length=16), default=Status.NEW, index=True)
    service_request_id: Mapped[int | None] = mapped_column(ForeignKey("wo_service_request.id"), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("wo_customer.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("wo_site.id"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("wo_asset.id"), index=True)
    # A repeat repair: the completed visit to the same asset within the last 30 days.
    repeat_of_work_order_id: Mapped[int | None] = mapped_column(ForeignKey("wo_work_order.id"))
    work_type: Mapped[WorkType] = mapped_column(Enum(WorkType, native_enum=False, length=16))
    priority: Mapped[int]
    symptom: Mapped[str | None] = mapped_column(Text)
    estimated_duration_s: Mapped[int]
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    window_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    chargeable: Mapped[bool] = mapped_column(default=True)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), index=True)
    planned_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    planned_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    customer_contacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    diagnosis_notes: Mapped[str | None] = mapped_column(Text)
    resolution_notes: Mapped[str | None] = mapped_column(Text)
    test_passed: Mapped[bool | None]
    no_parts_used: Mapped[bool] = mapped_column(default=False)
    quote_cents: Mapped[int | None] = mapped_column(BigInteger)
    consent_name: Mapped[str | None] = mapped_column(String(120))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hold_reason: Mapped[HoldReason | None] = mapped_column(Enum(HoldReason, native_enum=False, length=20))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    required_skills: Mapped[list[RequiredSkill]] = relationship(
        cascade="all, delete-orphan", order_by=RequiredSkill.id, lazy="selectin")
    parts_needed: Mapped[list[PartNeeded]] = relationship(
        cascade="all, delete-orphan", order_by=PartNeeded.id, lazy="selectin")
    parts_used: Mapped[list[PartUsed]] = relationship(cascade="all, delete-orphan", order_by=PartUsed.id)
    events: Mapped[list[WorkOrderEvent]] = relationship(
        cascade="all, delete-orphan", order_by=WorkOrderEvent.id)
    signature: Mapped[Signature | None] = relationship(cascade="all, delete-orphan")
    customer: Mapped[Customer] = relationship(viewonly=True)
    site: Mapped[Site] = relationship(viewonly=True)
    feedback: Mapped[Feedback | None] = relationship(cascade="all, delete-orphan")

    # Concurrent writers on the same job fail instead of silently overwriting each other.
    __mapper_args__ = {"version_id_col": version}

    @property
    def quote_amount(self) -> Decimal | None:
        """Money is stored in whole cents (exact on every backend), shown in yuan."""
        return None if self.quote_cents is None else (Decimal(self.quote_cents) / 100).quantize(CENT)

    @quote_amount.setter
    def quote_amount(self, amount: Decimal | str | None) -> None:
        self.quote_cents = None if amount is None else int((Decimal(amount) * 100).to_integral_value())

    @property
    def signed_at(self) -> datetime | None:
        return None if self.signature is None else self.signature.signed_at

    @property
    def repeat_repair(self) -> bool:
        return self.repeat_of_work_order_id is not None

    def schedule_on_creation(self, actor: Actor, now: datetime) -> WorkOrderEvent:
        """A job created with its window already agreed (at the desk) starts out scheduled.

        Whoever may create the job may make this first move, so it skips the dispatcher-only
        role check of ``transition``; the move is recorded like any other.
        """
        lifecycle.check_move(self.status, Status.SCHEDULED)
        self._enter_scheduled(now, {})
        self.status = Status.SCHEDULED
        return self._record(EventKind.TRANSITION, Status.NEW, Status.SCHEDULED, actor, now,
                            {"reason": "Window agreed with the customer when the job was created."})

    def set_appointment(self, start: datetime, end: datetime, tz: ZoneInfo,
                        warranty_until: Any = None) -> None:
        """The promised arrival window; who pays follows from the warranty on that day."""
        if end <= start:
            raise InvalidInput("The window must end after it starts.",
                               [FieldError("window_end", "Must be after window_start.")])
        if local_date(start, tz) != local_date(end - timedelta(microseconds=1), tz):
            raise InvalidInput("The window must lie within one local day.",
                               [FieldError("window_end", "Must be on the same local day as window_start.")])
        self.window_start, self.window_end = start, end
        self.chargeable = is_chargeable(warranty_until, local_date(start, tz))

    def touch(self, now: datetime) -> None:
        """Any change to the job or its lines bumps the version, so ETags tell the truth.

        Flagged even when ``now`` equals the stored time (two writes within one clock tick, or
        a fixed clock): a new line alone would otherwise leave the row, and its version, as is.
        """
        self.updated_at = now
        flag_modified(self, "updated_at")

    def transition(self, to: Status, actor: Actor, now: datetime, **details: Any) -> WorkOrderEvent:
        """Moves the job along DESIGN.md §3, enforcing who may move it and its gates."""
        current = self.status
        lifecycle.check_move(current, to)
        lifecycle.check_role(to, actor, self.engineer_id)
        _ENTER[to](self, now, details)
        self.status = to
        self.touch(now)
        return self._record(EventKind.TRANSITION, current, to, actor, now, details)

    def record_customer_contacted(self, actor: Actor, now: datetime, **details: Any) -> WorkOrderEvent:
        """The call-back after dispatch: a fact with a time (an SLA clock's stop), not a state."""
        if self.status not in lifecycle.ENGINEER_HELD:
            raise lifecycle.IllegalTransition(
                "The customer is called back only while the job is on an engineer's route.",
                allowed=lifecycle.allowed_next(self.status), current=self.status.value)
        self.customer_contacted_at = now
        self.touch(now)
        return self._record(EventKind.CUSTOMER_CONTACTED, self.status, self.status, actor, now, details)

    def _record(self, kind: EventKind, from_status: Status, to_status: Status, actor: Actor,
                now: datetime, details: dict[str, Any]) -> WorkOrderEvent:
        event = WorkOrderEvent(
            kind=kind, from_status=from_status, to_status=to_status, actor_user_id=actor.user_id,
            actor_role=actor.role, at=now, reason=details.get("reason"),
            hold_reason=details.get("hold_reason"), lat=details.get("lat"), lon=details.get("lon"))
        self.events.append(event)
        return event

    def use_part(self, sku: str, qty: int, serial: str | None, actor: Actor, now: datetime) -> PartUsed:
        """A part fitted from the van joins the job's parts used."""
        used = PartUsed(sku=sku, qty=qty, serial=serial, recorded_at=now, recorded_by_user_id=actor.user_id)
        self.parts_used.append(used)
        self.touch(now)
        return used

    def completion_proof(self, faulty_parts: Mapping[int, FaultyPartFacts]) -> CompletionProof:
        """``faulty_parts``: by parts line, the faulty part it owes (spare parts' record)."""
        owing = [(used.sku, faulty_parts.get(used.id)) for used in self.parts_used]
        return CompletionProof(
            resolution_notes=self.resolution_notes,
            test_passed=self.test_passed,
            signed=self.signature is not None,
            parts_recorded=self.no_parts_used or bool(self.parts_used),
            unaccounted_faulty_skus=tuple(sku for sku, faulty in owing if faulty is not None
                                          and not faulty.collected and not faulty.not_returned_reason),
        )

    def _enter_scheduled(self, now: datetime, details: dict[str, Any]) -> None:
        if self.window_start is None:
            raise InvalidInput("Scheduling needs an appointment window.",
                               [FieldError("window_start", "Required to schedule the job.")])
        self.engineer_id = self.planned_start = self.planned_end = None
        self.hold_reason = None

    def _enter_assigned(self, now: datetime, details: dict[str, Any]) -> None:
        engineer_id = details.get("engineer_id")
        if engineer_id is None:
            raise InvalidInput("Assigning needs an engineer.",
                               [FieldError("engineer_id", "Required to assign the job.")])
        start, end = details.get("planned_start"), details.get("planned_end")
        if (start is None) != (end is None) or (start is not None and end <= start):
            raise InvalidInput("The planned visit needs a start before its end.",
                               [FieldError("planned_end", "Give both, with the end after the start.")])
        self.engineer_id, self.planned_start, self.planned_end = engineer_id, start, end

    def _enter_in_progress(self, now: datetime, details: dict[str, Any]) -> None:
        lifecycle.require(lifecycle.consent_gaps(
            self.chargeable, Consent(self.quote_amount, self.consent_name)), Status.IN_PROGRESS)

    def _enter_completed(self, now: datetime, details: dict[str, Any]) -> None:
        proof = self.completion_proof(details.get("faulty_parts", {}))
        lifecycle.require(lifecycle.completion_gaps(proof), Status.COMPLETED)

    def _enter_on_hold(self, now: datetime, details: dict[str, Any]) -> None:
        if details.get("hold_reason") is None:
            raise InvalidInput("Putting a job on hold needs a reason.",
                               [FieldError("hold_reason", "One of: " + ", ".join(HoldReason) + ".")])
        self.hold_reason = HoldReason(details["hold_reason"])

    def _enter_cancelled(self, now: datetime, details: dict[str, Any]) -> None:
        if not (details.get("reason") or "").strip():
            raise InvalidInput("Cancelling needs a reason.", [FieldError("reason", "Say why.")])
        self.cancel_reason = details["reason"]

    def _enter_plainly(self, now: datetime, details: dict[str, Any]) -> None:
        """en_route, on_site and closed ask for nothing beyond the move itself."""


_ENTER: dict[Status, Callable[[WorkOrder, datetime, dict[str, Any]], None]] = {
    Status.SCHEDULED: WorkOrder._enter_scheduled,
    Status.ASSIGNED: WorkOrder._enter_assigned,
    Status.EN_ROUTE: WorkOrder._enter_plainly,
    Status.ON_SITE: WorkOrder._enter_plainly,
    Status.IN_PROGRESS: WorkOrder._enter_in_progress,
    Status.COMPLETED: WorkOrder._enter_completed,
    Status.ON_HOLD: WorkOrder._enter_on_hold,
    Status.CANCELLED: WorkOrder._enter_cancelled,
    Status.CLOSED: WorkOrder._enter_plainly,
}
