"""What engineers tell the rest of the system; ``app.py`` wires who listens.

Spare parts will give each new engineer a van stock location, and planning will want to know
when an engineer stops (or starts again) taking work, without either importing engineers.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.events import Event


@dataclass(frozen=True)
class EngineerCreated(Event):
    engineer_id: int
    name: str
    territory: str | None
    home_lat: float
    home_lon: float


@dataclass(frozen=True)
class EngineerDeactivated(Event):
    engineer_id: int


@dataclass(frozen=True)
class EngineerReactivated(Event):
    engineer_id: int


@dataclass(frozen=True)
class EngineerWorkingTimeChanged(Event):
    """The weekly pattern, a dated exception or time off changed: plans for those days may be stale."""

    engineer_id: int
