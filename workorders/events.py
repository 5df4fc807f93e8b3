"""What the work-order package tells others (planning, parts, the customer loop) through
``core.events``; ``app.py`` wires who listens.

Published in the same transaction as the change: spare parts releases reservations on
``WorkOrderCancelled`` and takes a part recorded as used out of the engineer's van on
``PartUsedRecorded`` (a refusal there, like an empty van, rolls the whole request back).
The others are published for the customer notices and clocks of issue 14.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.events import Event


@dataclass(frozen=True)
class WorkOrderStatusChanged(Event):
    """Every move of the lifecycle. Published for the customer notices, issue 14."""

    work_order_id: int
    from_status: str
    to_status: str


@dataclass(frozen=True)
class WorkOrderAssigned(Event):
    """A job given to an engineer (a published plan's stop). Published for the customer notices, issue 14."""

    work_order_id: int
    engineer_id: int


@dataclass(frozen=True)
class WorkOrderCancelled(Event):
    """Spare parts listens: it releases the job's reservations."""

    work_order_id: int
    reason: str


@dataclass(frozen=True)
class WorkOrderCompleted(Event):
    """The job passed its completion gate. Published for the customer notices, issue 14."""

    work_order_id: int


@dataclass(frozen=True)
class ServiceRequestConverted(Event):
    """A request became a work order. Published for the customer notices, issue 14."""

    service_request_id: int
    work_order_id: int


@dataclass(frozen=True)
class PartUsedRecorded(Event):
    """A part fitted on a job on site, as the engineer entered it: the new part's serial, and the
    faulty part taken back (its serial) or the reason it is not. Spare parts listens: it owns the
    part, the van's stock and the faulty return, and books them from this alone."""

    work_order_id: int
    part_used_id: int
    engineer_id: int | None
    actor_user_id: int
    sku: str
    qty: int
    serial: str | None
    faulty_serial: str | None
    faulty_missing_reason: str | None


@dataclass(frozen=True)
class ServiceRequestReceived(Event):
    """A request got its number (the customer can be told it; the first-response clock starts)."""

    service_request_id: int
    customer_id: int
    respond_by: datetime | None


@dataclass(frozen=True)
class ComplaintReceived(Event):
    complaint_id: int
    customer_id: int
    work_order_id: int | None
    severity: str
    due_at: datetime


@dataclass(frozen=True)
class ComplaintEscalated(Event):
    complaint_id: int
    reason: str


@dataclass(frozen=True)
class ComplaintResolved(Event):
    complaint_id: int
    late: bool


@dataclass(frozen=True)
class ComplaintConfirmed(Event):
    complaint_id: int


@dataclass(frozen=True)
class ComplaintReopened(Event):
    complaint_id: int
    due_at: datetime
