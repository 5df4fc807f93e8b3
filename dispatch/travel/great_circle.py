"""The offline default for travel: the great-circle distance stretched by a detour factor,
driven at an urban speed, both configurable. It needs no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dispatch.travel.matrix import LatLon, TravelMatrix

# geopy's great_circle uses the mean Earth radius; we use the same so the two agree.
EARTH_RADIUS_M = 6_371_009.0


def _radians(locations: Sequence[LatLon] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    points = np.asarray(locations, dtype=np.float64).reshape(-1, 2)
    if not (np.all(np.abs(points[:, 0]) <= 90.0) and np.all(np.abs(points[:, 1]) <= 180.0)):
        raise ValueError("latitudes must lie in [-90, 90] and longitudes in [-180, 180]")
    return np.radians(points[:, 0]), np.radians(points[:, 1])


def great_circle_m(
    origins: Sequence[LatLon] | np.ndarray, destinations: Sequence[LatLon] | np.ndarray
) -> np.ndarray:
    """Great-circle metres from each origin (rows) to each destination (columns).

    Haversine, which stays accurate for the short hops of a city day where the
    spherical law of cosines loses digits; the arcsine is clipped so rounding never
    pushes it outside its domain for antipodal points.
    """
    lat_o, lon_o = _radians(origins)
    lat_d, lon_d = _radians(destinations)
    half_dlat = np.sin(np.subtract.outer(lat_o, lat_d) * 0.5)
    half_dlon = np.sin(np.subtract.outer(lon_o, lon_d) * 0.5)
    half_dlat *= half_dlat
    half_dlon *= half_dlon
    half_dlon *= np.outer(np.cos(lat_o), np.cos(lat_d))
    half_dlat += half_dlon
    np.sqrt(half_dlat, out=half_dlat)
    np.clip(half_dlat, 0.0, 1.0, out=half_dlat)
    np.arcsin(half_dlat, out=half_dlat)
    half_dlat *= 2.0 * EARTH_RADIUS_M
    return half_dlat


@dataclass(frozen=True)
class GreatCircleTravel:
    """The offline default: great-circle distance × detour factor at an urban speed.

    Streets are not straight, so the detour factor turns crow-flies metres into road
    metres; the speed is an average over a city day, stops and lights included.
    """

    detour_factor: float = 1.3
    speed_kmh: float = 25.0

    def __post_init__(self) -> None:
        if self.detour_factor < 1.0:
            raise ValueError("detour_factor must be at least 1 (roads are never shorter)")
        if self.speed_kmh <= 0.0:
            raise ValueError("speed_kmh must be positive")

    def road_m(self, origins: Sequence[LatLon], destinations: Sequence[LatLon]) -> np.ndarray:
        """Estimated road metres as floats; the OSRM provider also uses it for gaps."""
        road = great_circle_m(origins, destinations)
        road *= self.detour_factor
        return road

    def travel_s_for(self, road_m: np.ndarray) -> np.ndarray:
        return road_m * (3.6 / self.speed_kmh)

    def matrix(self, locations: Sequence[LatLon]) -> TravelMatrix:
        road = self.road_m(locations, locations)
        travel = self.travel_s_for(road)
        return TravelMatrix(
            distance_m=np.rint(road).astype(np.int64),
            travel_s=np.rint(travel).astype(np.int64),
        )
