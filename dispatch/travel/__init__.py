"""Travel times between the places of a service day: the great-circle estimate (the offline
default) and an OSRM table service, both behind one ``TravelProvider`` protocol.

Pure: no Flask, no database, no domain package (an import-linter contract says so).
"""

from __future__ import annotations

from typing import Any

from dispatch.travel.great_circle import EARTH_RADIUS_M, GreatCircleTravel, great_circle_m
from dispatch.travel.matrix import LatLon, TravelError, TravelMatrix, TravelProvider
from dispatch.travel.osrm import OsrmTableTravel, TravelServiceTimeout

__all__ = [
    "EARTH_RADIUS_M", "GreatCircleTravel", "LatLon", "OsrmTableTravel", "TravelError", "TravelMatrix",
    "TravelProvider", "TravelServiceTimeout", "great_circle_m", "provider_for",
]


def provider_for(settings: dict[str, Any]) -> TravelProvider:
    """The configured provider: the great-circle estimate with the settings' detour factor and
    speed (no setting selects OSRM yet)."""
    return GreatCircleTravel(float(settings.get("TRAVEL_DETOUR_FACTOR") or 1.3),
                             float(settings.get("TRAVEL_SPEED_KMH") or 25.0))
