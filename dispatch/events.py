"""What dispatch tells other packages through ``core.events``; ``app.py`` wires who listens.

Published in the same transaction as the change, so a listener's reaction (a notice queued
for the customer) commits or rolls back with the publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.events import Event


@dataclass(frozen=True)
class VisitNow:
    """One job a published plan touched, as its customer may need to hear it: the engineer
    coming (None when the plan left the job out) and when."""

    work_order_id: int
    work_order_number: str
    customer_id: int
    engineer_id: int | None
    engineer_name: str | None
    window_start: datetime | None
    window_end: datetime | None
    planned_arrival: datetime | None


@dataclass(frozen=True)
class PlanPublished(Event):
    """A plan became the day's plan. ``visits`` holds every job it routed or left out, except
    jobs under way (they keep what they had); ``timezone`` is the service day's."""

    plan_id: int
    service_date: date
    timezone: str
    visits: tuple[VisitNow, ...]
