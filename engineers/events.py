"""What engineers tell the rest of the system; ``app.py`` wires who listens."""

from __future__ import annotations

from dataclasses import dataclass

from core.events import Event


@dataclass(frozen=True)
class EngineerCreated(Event):
    """A new engineer. Spare parts listens: it gives them a van, stocked from the nearest warehouse."""

    engineer_id: int
    name: str
    territory: str | None
    home_lat: float
    home_lon: float
