"""What spare parts tells other packages through ``core.events``; ``app.py`` wires who listens."""

from __future__ import annotations

from dataclasses import dataclass

from core.events import Event


@dataclass(frozen=True)
class FaultyPartCollected(Event):
    """A faulty part owed on a job was collected as a stock movement (not on the parts line):
    the work order can count the replaced part as accounted for."""

    work_order_id: int
    sku: str
    serial: str | None
