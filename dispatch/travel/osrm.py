"""Road travel from an OSRM table service, with the great-circle estimate for its gaps.

OSRM limits how many coordinates one ``/table`` request may carry (``--max-table-size``,
100 by default), so a large matrix is fetched in blocks of sources × destinations.
Pairs OSRM cannot route (``null``, e.g. a point snapped onto an island) take the
great-circle estimate instead of failing the whole plan; an unreachable or slow server
is a :class:`~dispatch.travel.matrix.TravelError` with the URL and the reason, never a hang.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dispatch.travel.great_circle import GreatCircleTravel
from dispatch.travel.matrix import LatLon, TravelError, TravelMatrix


class TravelServiceTimeout(TravelError):
    code = "travel-timeout"


@dataclass(frozen=True)
class OsrmTableTravel:
    """A :class:`~dispatch.travel.matrix.TravelProvider` backed by OSRM's table service.

    ``max_coordinates`` must not exceed the server's ``--max-table-size``; each request
    carries at most that many coordinates, half sources and half destinations.
    """

    base_url: str
    profile: str = "driving"
    timeout_s: float = 10.0
    max_coordinates: int = 100
    fallback: GreatCircleTravel = field(default_factory=GreatCircleTravel)

    def __post_init__(self) -> None:
        if self.max_coordinates < 2:
            raise ValueError("max_coordinates must allow at least one source and one destination")

    def matrix(self, locations: Sequence[LatLon]) -> TravelMatrix:
        points = [(float(lat), float(lon)) for lat, lon in locations]
        n = len(points)
        distance = np.full((n, n), np.nan)
        duration = np.full((n, n), np.nan)
        for rows, cols in _blocks(n, self.max_coordinates):
            table = self._fetch(points, rows, cols)
            duration[rows.start : rows.stop, cols.start : cols.stop] = _grid(
                table, "durations", rows, cols
            )
            distance[rows.start : rows.stop, cols.start : cols.stop] = _grid(
                table, "distances", rows, cols
            )
        self._fill_gaps(points, distance, duration)
        np.fill_diagonal(distance, 0.0)
        np.fill_diagonal(duration, 0.0)
        return TravelMatrix(
            distance_m=np.rint(distance).astype(np.int64),
            travel_s=np.rint(duration).astype(np.int64),
        )

    def _fill_gaps(self, points: list[LatLon], distance: np.ndarray, duration: np.ndarray) -> None:
        """Replace values OSRM left out with the great-circle estimate, value by value."""
        distance_gaps, duration_gaps = np.isnan(distance), np.isnan(duration)
        if not (distance_gaps.any() or duration_gaps.any()):
            return
        road_m = self.fallback.road_m(points, points)
        distance[distance_gaps] = road_m[distance_gaps]
        duration[duration_gaps] = self.fallback.travel_s_for(road_m)[duration_gaps]

    def table_url(self, points: Sequence[LatLon], rows: range, cols: range) -> str:
        """One request: the block's sources first, then its destinations, lon before lat."""
        block = [points[i] for i in rows] + [points[j] for j in cols]
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in block)
        sources = ";".join(str(i) for i in range(len(rows)))
        destinations = ";".join(str(len(rows) + j) for j in range(len(cols)))
        return (
            f"{self.base_url.rstrip('/')}/table/v1/{self.profile}/{coordinates}"
            f"?sources={sources}&destinations={destinations}"
            "&annotations=duration,distance"
        )

    def _fetch(self, points: Sequence[LatLon], rows: range, cols: range) -> dict[str, Any]:
        url = self.table_url(points, rows, cols)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_s) as response:
                table = json.load(response)
        except TimeoutError as exc:
            raise TravelServiceTimeout(_timeout_message(self, exc)) from exc
        except urllib.error.HTTPError as exc:
            raise TravelError(_http_message(self, exc)) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise TravelServiceTimeout(_timeout_message(self, exc)) from exc
            raise TravelError(f"OSRM at {self.base_url} unreachable: {exc.reason}") from exc
        except ValueError as exc:
            raise TravelError(f"OSRM at {self.base_url} answered with invalid JSON") from exc
        if table.get("code") != "Ok":
            raise TravelError(
                f"OSRM at {self.base_url} refused the table: {table.get('code')} "
                f"{table.get('message', '')}".strip()
            )
        return table


def _timeout_message(provider: OsrmTableTravel, exc: BaseException) -> str:
    return f"OSRM at {provider.base_url} did not answer within {provider.timeout_s:g} s ({exc})"


def _http_message(provider: OsrmTableTravel, exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read() or b"{}")
    except ValueError:
        body = {}
    finally:
        exc.close()
    detail = body.get("message") or body.get("code") or exc.reason
    return f"OSRM at {provider.base_url} answered HTTP {exc.code}: {detail}"


def _blocks(n: int, max_coordinates: int) -> Iterator[tuple[range, range]]:
    """Source × destination blocks whose coordinates together fit one request."""
    side = max(1, max_coordinates // 2)
    for row_start in range(0, n, side):
        rows = range(row_start, min(n, row_start + side))
        for col_start in range(0, n, side):
            yield rows, range(col_start, min(n, col_start + side))


def _grid(table: dict[str, Any], key: str, rows: range, cols: range) -> np.ndarray:
    """The block as floats, ``nan`` where OSRM gave ``null`` or left the annotation out."""
    values = table.get(key)
    if values is None:
        return np.full((len(rows), len(cols)), np.nan)
    grid = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in values], dtype=np.float64
    )
    if grid.shape != (len(rows), len(cols)):
        raise TravelError(
            f"OSRM table '{key}' has shape {grid.shape}, expected {(len(rows), len(cols))}"
        )
    return grid
