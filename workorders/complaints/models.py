"""A complaint case and its rules: ``open → investigating → resolved → confirmed | reopened``,
escalation by severity and before the due time, the breach flag, and a log of every step.

Rules are methods taking the actor and ``now``; they never touch the session or the clock.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Enum, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.auth import Actor, User
from core.db import Base, UTCDateTime
from workorders.customers.models import Customer
from workorders.errors import IllegalComplaintTransition
from workorders.orders.models import WorkOrder
from workorders.triage import Channel

ESCALATE_BEFORE_DUE = timedelta(hours=4)


class Severity(enum.StrEnum):
    NORMAL = "normal"
    SERIOUS = "serious"
    CRITICAL = "critical"


class ComplaintStatus(enum.StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    CONFIRMED = "confirmed"
    REOPENED = "reopened"


class ComplaintSource(enum.StrEnum):
    DESK = "desk"  # taken at the desk (a call, a message)
    SERVICE_REQUEST = "service_request"  # a request triaged as a complaint
    RATING = "rating"  # a poor rating after a visit


class EscalationReason(enum.StrEnum):
    SEVERITY = "severity"  # serious or critical: a supervisor at once
    DUE_SOON = "due_soon"  # still open 4 h before its due time
    BY_AGENT = "by_agent"


class ComplaintStepKind(enum.StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    ESCALATED = "escalated"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    CONFIRMED = "confirmed"
    REOPENED = "reopened"
    RETURN_VISIT = "return_visit"
    BREACHED = "breached"


C = ComplaintStatus
NEXT_STATUSES: Mapping[ComplaintStatus, frozenset[ComplaintStatus]] = {
    C.OPEN: frozenset({C.INVESTIGATING, C.RESOLVED}),
    C.INVESTIGATING: frozenset({C.RESOLVED}),
    C.REOPENED: frozenset({C.INVESTIGATING, C.RESOLVED}),
    C.RESOLVED: frozenset({C.CONFIRMED, C.REOPENED}),
    C.CONFIRMED: frozenset(),
}
# Not yet answered: these count against the due time.
UNANSWERED = frozenset({C.OPEN, C.INVESTIGATING, C.REOPENED})


@dataclass(frozen=True)
class Subject:
    work_order_id: int | None
    work_order_number: str | None
    engineer_id: int | None
    part_sku: str | None
    service: bool


class ComplaintStep(Base):
    """One line of the case's log: who (none for the scheduler), when, what."""

    __tablename__ = "wo_complaint_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("wo_complaint.id"), index=True)
    kind: Mapped[ComplaintStepKind] = mapped_column(Enum(ComplaintStepKind, native_enum=False, length=16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    from_status: Mapped[ComplaintStatus | None] = mapped_column(
        Enum(ComplaintStatus, native_enum=False, length=16))
    to_status: Mapped[ComplaintStatus | None] = mapped_column(
        Enum(ComplaintStatus, native_enum=False, length=16))
    notes: Mapped[str | None] = mapped_column(Text)


class Complaint(Base):
    __tablename__ = "wo_complaint"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    version: Mapped[int] = mapped_column(nullable=False)
    status: Mapped[ComplaintStatus] = mapped_column(
        Enum(ComplaintStatus, native_enum=False, length=16), index=True)
    severity: Mapped[Severity] = mapped_column(Enum(Severity, native_enum=False, length=16))
    source: Mapped[ComplaintSource] = mapped_column(Enum(ComplaintSource, native_enum=False, length=16))
    channel: Mapped[Channel | None] = mapped_column(Enum(Channel, native_enum=False, length=10))
    customer_id: Mapped[int] = mapped_column(ForeignKey("wo_customer.id"), index=True)
    # What it is about: at least one of a visit, an engineer, a part, the service in general.
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"))
    part_sku: Mapped[str | None] = mapped_column(String(64))
    about_service: Mapped[bool] = mapped_column(default=False)
    service_request_id: Mapped[int | None] = mapped_column(ForeignKey("wo_service_request.id"), unique=True)
    description: Mapped[str] = mapped_column(Text)
    demand: Mapped[str | None] = mapped_column(Text)
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalation_reason: Mapped[EscalationReason | None] = mapped_column(
        Enum(EscalationReason, native_enum=False, length=16))
    breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cause: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    customer_answer: Mapped[str | None] = mapped_column(Text)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_work_order_id: Mapped[int | None] = mapped_column(ForeignKey("wo_work_order.id"))
    log: Mapped[list[ComplaintStep]] = relationship(cascade="all, delete-orphan", order_by=ComplaintStep.id)
    # Names read with the row itself, so a page of complaints is one statement.
    customer_name: Mapped[str] = column_property(
        select(Customer.name).where(Customer.id == customer_id).correlate_except(Customer).scalar_subquery())
    work_order_number: Mapped[str | None] = column_property(
        select(WorkOrder.number).where(WorkOrder.id == work_order_id).correlate_except(WorkOrder)
        .scalar_subquery())
    owner_username: Mapped[str | None] = column_property(
        select(User.username).where(User.id == owner_user_id).correlate_except(User).scalar_subquery())

    # Two people working one case at once: the second write fails instead of overwriting.
    __mapper_args__ = {"version_id_col": version}

    @property
    def subject(self) -> Subject:
        return Subject(self.work_order_id, self.work_order_number, self.engineer_id, self.part_sku,
                       self.about_service)

    @property
    def escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def breached(self) -> bool:
        """Flagged from the moment the due time passed unanswered until the customer confirms."""
        return self.breached_at is not None and self.status is not C.CONFIRMED

    def _record(self, kind: ComplaintStepKind, actor: Actor | None, now: datetime, notes: str | None = None,
                to_status: ComplaintStatus | None = None) -> None:
        self.log.append(ComplaintStep(kind=kind, at=now, actor_user_id=actor.user_id if actor else None,
                                      from_status=self.status, to_status=to_status, notes=notes))

    def _move(self, to: ComplaintStatus, kind: ComplaintStepKind, actor: Actor | None, now: datetime,
              notes: str | None) -> None:
        if to not in NEXT_STATUSES[self.status]:
            allowed = sorted(s.value for s in NEXT_STATUSES[self.status])
            raise IllegalComplaintTransition(f"A complaint cannot go from {self.status.value} to {to.value}.",
                                       allowed=allowed, current=self.status.value)
        self._record(kind, actor, now, notes, to)
        self.status = to

    def receive(self, actor: Actor | None, now: datetime, due_at: datetime) -> None:
        self.status, self.received_at, self.due_at = C.OPEN, now, due_at
        self.log.append(ComplaintStep(kind=ComplaintStepKind.RECEIVED, at=now, to_status=C.OPEN,
                                      actor_user_id=actor.user_id if actor else None))
        if self.severity is not Severity.NORMAL:
            self.escalate(EscalationReason.SEVERITY, None, now, f"Severity {self.severity.value}.")

    def assign(self, owner_user_id: int | None, actor: Actor, now: datetime) -> None:
        if self.status is C.CONFIRMED:
            raise IllegalComplaintTransition("A confirmed complaint is closed.", current=self.status.value)
        self.owner_user_id = owner_user_id
        self._record(ComplaintStepKind.ASSIGNED, actor, now, None if owner_user_id else "Unassigned.")

    def escalate(self, reason: EscalationReason, actor: Actor | None, now: datetime,
                 notes: str | None) -> None:
        """To the supervisors' attention; once per round (a reopened case may escalate again)."""
        if self.status not in UNANSWERED:
            raise IllegalComplaintTransition("Only a complaint still unanswered is escalated.",
                                       current=self.status.value)
        if self.escalated_at is not None:
            return
        self.escalated_at, self.escalation_reason = now, reason
        self._record(ComplaintStepKind.ESCALATED, actor, now, notes or reason.value)

    def needs_escalation(self, now: datetime) -> bool:
        return (self.status in UNANSWERED and self.escalated_at is None
                and now >= self.due_at - ESCALATE_BEFORE_DUE)

    def mark_breached(self, now: datetime) -> bool:
        """Past its due time unanswered: flagged (once) until confirmed."""
        if self.breached_at is not None or self.status not in UNANSWERED or now < self.due_at:
            return False
        self.breached_at = self.due_at
        self._record(ComplaintStepKind.BREACHED, None, now, "Not resolved by its due time.")
        return True

    def investigate(self, actor: Actor, now: datetime, notes: str | None) -> None:
        self._move(C.INVESTIGATING, ComplaintStepKind.INVESTIGATING, actor, now, notes)

    def resolve(self, cause: str, action: str, actor: Actor, now: datetime) -> bool:
        """Needs the cause found and the action taken; answers whether it came late."""
        self.mark_breached(now)
        self._move(C.RESOLVED, ComplaintStepKind.RESOLVED, actor, now, f"Cause: {cause}\nAction: {action}")
        self.cause, self.action, self.resolved_at = cause, action, now
        return self.breached_at is not None

    def confirm(self, customer_answer: str, actor: Actor, now: datetime) -> None:
        self._move(C.CONFIRMED, ComplaintStepKind.CONFIRMED, actor, now, customer_answer)
        self.customer_answer, self.confirmed_at = customer_answer, now

    def reopen(self, reason: str, actor: Actor, now: datetime, due_at: datetime) -> None:
        """The customer is not satisfied: a new round with a new due time; the log keeps the first."""
        self._move(C.REOPENED, ComplaintStepKind.REOPENED, actor, now, reason)
        self.due_at, self.escalated_at, self.escalation_reason = due_at, None, None
        self.resolved_at = None
        if self.severity is not Severity.NORMAL:
            self.escalate(EscalationReason.SEVERITY, None, now, f"Severity {self.severity.value}.")

    def note_return_visit(self, work_order_number: str, actor: Actor, now: datetime) -> None:
        self._record(ComplaintStepKind.RETURN_VISIT, actor, now, work_order_number)
