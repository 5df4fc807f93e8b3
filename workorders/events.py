"""What the work-order package tells others (planning, parts) through ``core.events``.

Published in the same transaction as the change; nobody subscribes yet, but spareparts will
release reservations on ``WorkOrderCancelled`` and dispatch will re-plan on status changes.
"""

from __future__ import annotations

from dataclasses import dataclass

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
