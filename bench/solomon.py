"""Solomon VRPTW benchmark: the product's own model against the distance-only BKS.

    .venv/bin/python bench/solomon.py ../shared/data/solomon --time-limit 10 [--vs pyvrp,vroom] [--json]

Each instance is read into the product's Problem and planned by the product's public
``solver.solve``; the distance is recomputed from the routes in double precision,
compared with ``bks_distance_only.csv``, and the plan is checked by the independent
validator. ``--vs`` runs PyVRP and VROOM on the same instance for comparison.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dispatch.optimizer import solver  # noqa: E402
from dispatch.optimizer.solomon import (  # noqa: E402
    SCALE,
    SolomonInstance,
    exact_distance,
    read_instance,
    to_problem,
)
from dispatch.optimizer.solution import Solution  # noqa: E402
from dispatch.optimizer.validate import validate  # noqa: E402


def read_bks(directory: Path) -> dict[str, float]:
    with (directory / "bks_distance_only.csv").open() as handle:
        return {row["instance"]: float(row["distance"]) for row in csv.DictReader(handle)}


def customer_routes(solution: Solution) -> list[list[int]]:
    """Job ids ``c<i>`` back to Solomon customer numbers, per route."""
    return [[int(stop.job_id[1:]) for stop in route.stops] for route in solution.routes]


def run_ours(path: Path, time_limit_s: float, bks: dict[str, float]) -> dict:
    instance = read_instance(path)
    problem = to_problem(instance)
    started = time.perf_counter()
    solution = solver.solve(problem, time_limit_s=time_limit_s, seed=1)
    seconds = time.perf_counter() - started
    violations = validate(problem, solution)
    distance = exact_distance(instance, customer_routes(solution))
    return _row(instance.name, "ours", solution.served, solution.vehicles, distance, bks,
                not violations and solution.served == len(problem.jobs), seconds,
                engine=solution.stats.engine, violations=[str(v) for v in violations[:3]])


def run_other(path: Path, name: str, time_limit_s: float, bks: dict[str, float]) -> dict:
    """PyVRP or VROOM straight on the instance (their own readers/models)."""
    instance = read_instance(path)
    started = time.perf_counter()
    solve_other = {"pyvrp": pyvrp_routes, "vroom": vroom_routes}[name]
    routes = solve_other(instance, time_limit_s)
    seconds = time.perf_counter() - started
    served = sum(len(r) for r in routes)
    distance = exact_distance(instance, routes)
    return _row(instance.name, name, served, len(routes), distance, bks,
                served == len(instance.demand) - 1, seconds)


def pyvrp_routes(instance: SolomonInstance, time_limit_s: float) -> list[list[int]]:
    """PyVRP on the same integer matrices, every customer required (its usual VRPTW)."""
    import pyvrp  # noqa: PLC0415 - only with --vs
    from pyvrp.stop import MaxRuntime  # noqa: PLC0415

    problem = to_problem(instance)
    exact = instance.euclidean() * SCALE
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(float(x), float(y)) for x, y in instance.coordinates],
        clients=[pyvrp.Client(location=j.location, delivery=[j.demand],
                              service_duration=j.duration_s, tw_early=j.window_start_s,
                              tw_late=j.window_end_s) for j in problem.jobs],
        depots=[pyvrp.Depot(0, tw_early=0, tw_late=problem.engineers[0].shift_end_s)],
        vehicle_types=[pyvrp.VehicleType(instance.vehicles, capacity=[instance.capacity],
                                         tw_early=0, tw_late=problem.engineers[0].shift_end_s)],
        distance_matrices=[np.rint(exact).astype(np.int64)],
        duration_matrices=[np.asarray(problem.travel_s)])
    result = pyvrp.solve(data, MaxRuntime(time_limit_s), seed=1, display=False)
    return [[a.idx + 1 for a in route.schedule() if a.is_client()]
            for route in result.best.routes()]


def vroom_routes(instance: SolomonInstance, time_limit_s: float) -> list[list[int]]:
    """VROOM on the same integer matrices, both cores, its deepest exploration."""
    import vroom  # noqa: PLC0415 - only with --vs

    problem = to_problem(instance)
    solver_input = vroom.Input()
    solver_input.set_durations_matrix("car", np.asarray(problem.travel_s))
    solver_input.set_costs_matrix("car", np.asarray(problem.distance_m))
    window = vroom.TimeWindow(0, problem.engineers[0].shift_end_s)
    solver_input.add_vehicle([vroom.Vehicle(id=k + 1, start=0, end=0, capacity=[instance.capacity],
                                            time_window=window) for k in range(instance.vehicles)])
    solver_input.add_job([vroom.Job(id=j.location, location=j.location, delivery=[j.demand],
                                    default_service=j.duration_s,
                                    time_windows=[vroom.TimeWindow(j.window_start_s, j.window_end_s)])
                          for j in problem.jobs])
    answer = solver_input.solve(exploration_level=5, nb_threads=2,
                                timeout=datetime.timedelta(seconds=time_limit_s))
    routes = []
    for _, rows in answer.routes.groupby("vehicle_id", sort=True):
        routes.append([int(r["id"]) for r in rows.to_dict("records") if r["type"] == "job"])
    return routes


def _row(name: str, solver_name: str, served: int, vehicles: int, distance: float,
         bks: dict[str, float], valid: bool, seconds: float, **extra: object) -> dict:
    best = bks.get(name)
    gap = None if best is None else round(100 * (distance - best) / best, 3)
    return {"name": name, "solver": solver_name, "served": served, "vehicles": vehicles,
            "distance": round(distance, 2), "gap_pct": gap, "valid": valid,
            "seconds": round(seconds, 2), **extra}


def print_row(row: dict) -> None:
    gap = "  n/a " if row["gap_pct"] is None else f"{row['gap_pct']:6.2f}%"
    verdict = "valid" if row["valid"] else f"INVALID {row.get('violations', '')}"
    print(f"{row['name']:<7} {row['solver']:<6} vehicles {row['vehicles']:>3}  "
          f"distance {row['distance']:>9.2f}  gap {gap}  {verdict}  {row['seconds']:.1f}s",
          flush=True)


def print_means(rows: list[dict], as_json: bool) -> None:
    for solver_name in dict.fromkeys(r["solver"] for r in rows):
        mine = [r for r in rows if r["solver"] == solver_name]
        gaps = [r["gap_pct"] for r in mine if r["gap_pct"] is not None]
        mean = sum(gaps) / len(gaps) if gaps else float("nan")
        valid = sum(r["valid"] for r in mine)
        if as_json:
            print(json.dumps({"name": "mean", "solver": solver_name, "gap_pct": round(mean, 3),
                              "valid": valid == len(mine), "instances": len(mine)}))
        else:
            print(f"mean    {solver_name:<6} gap {mean:.3f}%  valid {valid}/{len(mine)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--vs", default="", help="comma-separated: pyvrp,vroom")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated instance names")
    args = parser.parse_args()
    bks = read_bks(args.directory)
    wanted = {n for n in args.only.split(",") if n}
    rows = []
    for path in sorted(args.directory.glob("*.txt")):
        if wanted and path.stem not in wanted:
            continue
        runs = [lambda p=path: run_ours(p, args.time_limit, bks)]
        runs += [lambda p=path, n=name: run_other(p, n, args.time_limit, bks)
                 for name in args.vs.split(",") if name]
        for run in runs:
            row = run()
            rows.append(row)
            print(json.dumps(row)) if args.json else print_row(row)
    print_means(rows, args.json)


if __name__ == "__main__":
    main()
