"""The travel matrix: great-circle against geopy, the detour and speed, and OSRM on a fake."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from geopy.distance import great_circle

from dispatch.travel import (
    GreatCircleTravel,
    OsrmTableTravel,
    TravelError,
    TravelMatrix,
    TravelServiceTimeout,
    great_circle_m,
)

SHENZHEN = (22.54, 114.06)


def random_points(seed: int, count: int, spread_deg: float | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if spread_deg is None:
        return np.column_stack([rng.uniform(-89, 89, count), rng.uniform(-180, 180, count)])
    return np.column_stack(
        [
            rng.uniform(-spread_deg, spread_deg, count) + SHENZHEN[0],
            rng.uniform(-spread_deg, spread_deg, count) + SHENZHEN[1],
        ]
    )


@pytest.mark.parametrize("spread_deg", [None, 0.15, 0.001])
def test_great_circle_equals_geopy_within_a_hundredth_of_a_percent(spread_deg):
    points = random_points(seed=7, count=60, spread_deg=spread_deg)
    ours = great_circle_m(points, points)
    geopy_m = np.array([[great_circle(a, b).m for b in points] for a in points])
    apart = geopy_m > 0
    relative_error = np.abs(ours[apart] - geopy_m[apart]) / geopy_m[apart]
    assert relative_error.max() <= 1e-4
    assert np.all(ours[~apart] < 1e-6)


def test_great_circle_rows_are_origins_and_columns_destinations():
    origins = random_points(seed=1, count=3, spread_deg=0.1)
    destinations = random_points(seed=2, count=5, spread_deg=0.1)
    metres = great_circle_m(origins, destinations)
    assert metres.shape == (3, 5)
    assert metres[2, 4] == pytest.approx(great_circle(origins[2], destinations[4]).m, rel=1e-9)


def test_default_matrix_stretches_the_great_circle_by_the_detour_at_the_urban_speed():
    points = random_points(seed=3, count=20, spread_deg=0.1)
    matrix = GreatCircleTravel(detour_factor=1.3, speed_kmh=25.0).matrix(points.tolist())
    expected_m = great_circle_m(points, points) * 1.3
    assert matrix.distance_m.dtype == np.int64 and matrix.travel_s.dtype == np.int64
    assert np.all(np.abs(matrix.distance_m - expected_m) <= 0.5)
    assert np.all(np.abs(matrix.travel_s - expected_m / (25.0 / 3.6)) <= 0.5)
    assert np.all(np.diag(matrix.distance_m) == 0) and np.all(np.diag(matrix.travel_s) == 0)
    assert np.array_equal(matrix.distance_m, matrix.distance_m.T)


def test_detour_factor_and_speed_are_configurable():
    points = random_points(seed=4, count=10, spread_deg=0.1).tolist()
    base = GreatCircleTravel(detour_factor=1.0, speed_kmh=20.0).matrix(points)
    other = GreatCircleTravel(detour_factor=1.5, speed_kmh=40.0).matrix(points)
    assert np.all(np.abs(other.distance_m - 1.5 * base.distance_m) <= 1.5)
    assert np.all(np.abs(other.travel_s - 0.75 * base.travel_s) <= 1.5)


def test_unrealistic_detour_or_speed_is_refused():
    with pytest.raises(ValueError, match="detour_factor"):
        GreatCircleTravel(detour_factor=0.9)
    with pytest.raises(ValueError, match="speed_kmh"):
        GreatCircleTravel(speed_kmh=0.0)


def test_coordinates_out_of_range_are_refused():
    with pytest.raises(ValueError, match="latitudes"):
        GreatCircleTravel().matrix([(91.0, 0.0), SHENZHEN])


def test_no_locations_give_an_empty_matrix():
    matrix = GreatCircleTravel().matrix([])
    assert matrix.size == 0 and matrix.travel_s.shape == (0, 0)


def test_travel_matrix_is_read_only_and_square():
    matrix = TravelMatrix(distance_m=np.zeros((2, 2)), travel_s=np.zeros((2, 2)))
    with pytest.raises(ValueError):
        matrix.travel_s[0, 1] = 5
    with pytest.raises(ValueError, match="square"):
        TravelMatrix(distance_m=np.zeros((2, 3)), travel_s=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        TravelMatrix(distance_m=np.zeros((2, 2)), travel_s=np.zeros((3, 3)))


# --- OSRM against a fake table service on 127.0.0.1 ------------------------------------


class FakeOsrm:
    """Answers /table like OSRM: road = 1.4 × great circle at 8 m/s; records each request."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.unroutable: set[tuple[float, float]] = set()
        self.omit_distances = False
        self.delay_s = 0.0
        self.refuse_with: str | None = None

    def answer(self, path: str) -> tuple[int, dict]:
        url = urlsplit(path)
        coordinates = url.path.split("/")[-1].split(";")
        points = [(float(c.split(",")[1]), float(c.split(",")[0])) for c in coordinates]
        query = parse_qs(url.query)
        sources = [int(i) for i in query["sources"][0].split(";")]
        destinations = [int(i) for i in query["destinations"][0].split(";")]
        self.requests.append({"coordinates": len(points), "query": query})
        if self.refuse_with:
            return 400, {"code": self.refuse_with, "message": "Too many table coordinates"}
        road_m = 1.4 * great_circle_m([points[i] for i in sources], [points[j] for j in destinations])
        body = {"code": "Ok", "durations": (road_m / 8.0).tolist()}
        if not self.omit_distances:
            body["distances"] = road_m.tolist()
        for r, i in enumerate(sources):
            for c, j in enumerate(destinations):
                if points[i] in self.unroutable or points[j] in self.unroutable:
                    body["durations"][r][c] = None
                    if "distances" in body:
                        body["distances"][r][c] = None
        return 200, body


@pytest.fixture
def fake_osrm() -> Iterator[tuple[FakeOsrm, str]]:
    fake = FakeOsrm()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            time.sleep(fake.delay_s)
            status, body = fake.answer(self.path)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (timeout test)
                self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def rounded(points: np.ndarray) -> list[tuple[float, float]]:
    """OSRM URLs carry six decimals, so the fake sees the points at that precision."""
    return [(round(lat, 6), round(lon, 6)) for lat, lon in points]


def test_osrm_matrix_is_the_servers_table_in_the_callers_order(fake_osrm):
    fake, url = fake_osrm
    points = rounded(random_points(seed=5, count=6, spread_deg=0.1))
    matrix = OsrmTableTravel(url).matrix(points)
    road_m = 1.4 * great_circle_m(points, points)
    assert len(fake.requests) == 1
    assert np.array_equal(matrix.distance_m, np.rint(road_m).astype(np.int64))
    assert np.array_equal(matrix.travel_s, np.rint(road_m / 8.0).astype(np.int64))
    assert fake.requests[0]["query"]["annotations"] == ["duration,distance"]


def test_osrm_large_matrix_is_fetched_in_blocks_within_the_table_limit(fake_osrm):
    fake, url = fake_osrm
    points = rounded(random_points(seed=6, count=7, spread_deg=0.1))
    whole = OsrmTableTravel(url).matrix(points)
    fake.requests.clear()
    chunked = OsrmTableTravel(url, max_coordinates=4).matrix(points)
    assert len(fake.requests) == 16  # 4 row blocks × 4 column blocks of at most 2
    assert max(request["coordinates"] for request in fake.requests) <= 4
    assert np.array_equal(chunked.distance_m, whole.distance_m)
    assert np.array_equal(chunked.travel_s, whole.travel_s)


def test_osrm_unroutable_pairs_fall_back_to_the_great_circle_estimate(fake_osrm):
    fake, url = fake_osrm
    points = rounded(random_points(seed=8, count=5, spread_deg=0.1))
    fake.unroutable.add(points[2])
    fallback = GreatCircleTravel(detour_factor=1.3, speed_kmh=25.0)
    matrix = OsrmTableTravel(url, fallback=fallback).matrix(points)
    estimate = fallback.matrix(points)
    assert matrix.travel_s[2, 4] == estimate.travel_s[2, 4]
    assert matrix.distance_m[0, 2] == estimate.distance_m[0, 2]
    assert matrix.travel_s[2, 2] == 0
    assert matrix.travel_s[0, 1] == round(1.4 * great_circle_m([points[0]], [points[1]])[0, 0] / 8)


def test_osrm_without_distances_estimates_only_the_distances(fake_osrm):
    fake, url = fake_osrm
    fake.omit_distances = True
    points = rounded(random_points(seed=9, count=4, spread_deg=0.1))
    fallback = GreatCircleTravel()
    matrix = OsrmTableTravel(url, fallback=fallback).matrix(points)
    assert np.array_equal(matrix.distance_m, fallback.matrix(points).distance_m)
    assert np.array_equal(
        matrix.travel_s, np.rint(1.4 * great_circle_m(points, points) / 8.0).astype(np.int64)
    )


def test_osrm_too_slow_is_a_clear_timeout_error(fake_osrm):
    fake, url = fake_osrm
    fake.delay_s = 0.5
    with pytest.raises(TravelServiceTimeout, match=r"did not answer within 0\.1 s"):
        OsrmTableTravel(url, timeout_s=0.1).matrix([SHENZHEN, (22.55, 114.07)])


def test_osrm_refusal_names_the_servers_reason(fake_osrm):
    fake, url = fake_osrm
    fake.refuse_with = "TooBig"
    with pytest.raises(TravelError, match="HTTP 400: Too many table coordinates"):
        OsrmTableTravel(url).matrix([SHENZHEN, (22.55, 114.07)])


def test_osrm_unreachable_server_is_a_travel_error():
    with pytest.raises(TravelError, match="unreachable"):
        OsrmTableTravel("http://127.0.0.1:9", timeout_s=1.0).matrix([SHENZHEN, (22.55, 114.07)])
