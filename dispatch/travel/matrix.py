"""What every source of travel data answers: a matrix of integer metres and seconds.

The optimizer only ever sees a :class:`TravelMatrix`, so any source of travel data (a
great-circle estimate, an OSRM server) plugs in behind the same :class:`TravelProvider`
protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np

LatLon = tuple[float, float]


class TravelError(Exception):
    """Travel data could not be obtained; the caller may fall back or fail the plan."""

    code: ClassVar[str] = "travel-unavailable"


@dataclass(frozen=True)
class TravelMatrix:
    """Road distance and driving time from every location (row) to every other (column).

    Integer metres and seconds, because the optimizer works in integers and a matrix
    that rounds the same way everywhere keeps plans and their validation consistent.
    """

    distance_m: np.ndarray
    travel_s: np.ndarray

    def __post_init__(self) -> None:
        distance_m = _frozen_int64(self.distance_m, "distance_m")
        travel_s = _frozen_int64(self.travel_s, "travel_s")
        if distance_m.shape != travel_s.shape:
            raise ValueError(
                f"distance_m {distance_m.shape} and travel_s {travel_s.shape} differ in shape"
            )
        object.__setattr__(self, "distance_m", distance_m)
        object.__setattr__(self, "travel_s", travel_s)

    @property
    def size(self) -> int:
        return int(self.distance_m.shape[0])


def _frozen_int64(values: np.ndarray, name: str) -> np.ndarray:
    """A read-only int64 square copy, so a shared matrix cannot be changed behind a plan."""
    array = np.array(values, dtype=np.int64, copy=True)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {array.shape}")
    array.setflags(write=False)
    return array


class TravelProvider(Protocol):
    """Anything that turns a list of (lat, lon) into a travel matrix in the same order."""

    def matrix(self, locations: Sequence[LatLon]) -> TravelMatrix: ...
