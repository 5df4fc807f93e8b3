"""Time the default travel matrix and measure its error against geopy.

    .venv/bin/python bench/travel.py [--size 2000] [--runs 5] [--sample 200] [--seed 1]

Prints the median wall time of an N × N matrix over a few runs (target: 2,000 × 2,000
in ≤ 1 s) and the largest relative error of the plain great-circle distance against
``geopy.distance.great_circle`` on a sample of pairs (target: ≤ 0.01 %).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from geopy.distance import great_circle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispatch.travel import GreatCircleTravel, great_circle_m  # noqa: E402

CITY_CENTRE = (22.54, 114.06)  # Shenzhen; the spread below is a ~30 km city


def city_points(rng: np.random.Generator, count: int) -> list[tuple[float, float]]:
    lat = CITY_CENTRE[0] + rng.uniform(-0.135, 0.135, count)
    lon = CITY_CENTRE[1] + rng.uniform(-0.146, 0.146, count)
    return list(zip(lat.tolist(), lon.tolist(), strict=True))


def median_matrix_s(points: list[tuple[float, float]], runs: int) -> list[float]:
    provider = GreatCircleTravel()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        provider.matrix(points)
        times.append(time.perf_counter() - started)
    return times


def max_relative_error(rng: np.random.Generator, sample: int) -> tuple[float, float]:
    """Worst relative error on city points and on points spread over the whole globe."""
    worst = []
    for points in (
        np.array(city_points(rng, sample)),
        np.column_stack([rng.uniform(-89, 89, sample), rng.uniform(-180, 180, sample)]),
    ):
        ours = great_circle_m(points, points)
        errors = [
            abs(ours[i, j] - great_circle(points[i], points[j]).m) / great_circle(points[i], points[j]).m
            for i in range(sample)
            for j in range(sample)
            if i != j
        ]
        worst.append(max(errors))
    return worst[0], worst[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=200, help="points; sample² pairs vs geopy")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    points = city_points(rng, args.size)
    times = median_matrix_s(points, args.runs)
    print(
        f"travel matrix {args.size}x{args.size}: median {statistics.median(times):.3f} s "
        f"over {args.runs} runs (min {min(times):.3f}, max {max(times):.3f}; target <= 1 s)"
    )
    city_error, globe_error = max_relative_error(rng, args.sample)
    pairs = args.sample * (args.sample - 1)
    print(
        f"max relative error vs geopy great_circle over {pairs} pairs: "
        f"city {city_error * 100:.2e} %, globe {globe_error * 100:.2e} % (target <= 1e-2 %)"
    )


if __name__ == "__main__":
    main()
