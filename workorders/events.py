"""What the work-order package tells others (planning, parts, the customer loop) through ``core.events``.

Published in the same transaction as the change: spare parts releases reservations on
``WorkOrderCancelled`` and takes a part recorded as used out of the engineer's van on
``PartUsedRecorded`` (a refusal there, like an empty van, rolls the whole request back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.events import Event


@dataclass(frozen=True)
class WorkOrderStatusChanged(Event):
    work_order_id: int
    from_status: str
    to_status: str


@dataclass(frozen=True)
class WorkOrderAssigned(Event):
    work_order_id: int
    engineer_id: int


@dataclass(frozen=True)
class WorkOrderCancelled(Event):
    work_order_id: int
    reason: str


@dataclass(frozen=True)
class WorkOrderCompleted(Event):
    work_order_id: int


@dataclass(frozen=True)
class ServiceRequestConverted(Event):
    service_request_id: int
    work_order_id: int


@dataclass(frozen=True)
class PartUsedRecorded(Event):
    """A part fitted on site, with the serials of the new part and of the faulty one taken back."""

    work_order_id: int
    part_used_id: int
    engineer_id: int | None
    actor_user_id: int
    sku: str
    qty: int
    serial: str | None
    returnable: bool
    faulty_serial: str | None


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
