"""Plan a generated field day with our solver and, with --vs, with PyVRP and VROOM.

    .venv/bin/python bench/fieldday.py --jobs 400 --engineers 40 --seed 1 --time-limit 30 \\
        --vs pyvrp,vroom [--json]

Prints per solver: jobs served (by priority), travel km, km per served job, time to the
first feasible plan, the objective over time and the validator's verdict. The other
solvers get the same instance in the same run minus only what they cannot express,
and what was left out is printed next to their figures. Every plan, theirs included,
is re-timed on our matrix and checked by ``dispatch.optimizer.validate``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _compare import Outcome  # noqa: E402
from _compare_pyvrp import solve_pyvrp, solve_pyvrp_with_lunch  # noqa: E402
from _compare_vroom import solve_vroom  # noqa: E402

from dispatch.optimizer.fieldday import FieldDayShape, field_day  # noqa: E402
from dispatch.optimizer.problem import Problem  # noqa: E402
from dispatch.optimizer.validate import validate  # noqa: E402


def solve_ours(problem: Problem, time_limit_s: float, seed: int) -> Outcome:
    """The product's solver through its public entry point, as the API would call it."""
    from dispatch.optimizer import solver

    started = time.perf_counter()
    solution = solver.solve(problem, time_limit_s=time_limit_s, seed=seed)
    seconds = time.perf_counter() - started
    stats = solution.stats
    progress = tuple((round(p.elapsed_s, 3), p.objective) for p in stats.progress)
    return Outcome("ours", solution, (), seconds, stats.first_feasible_s, progress)


def describe_day(problem: Problem) -> str:
    work_h = sum(j.duration_s for j in problem.jobs) / 3600
    shift_h = sum(e.shift_end_s - e.shift_start_s - (e.lunch.duration_s if e.lunch else 0)
                  for e in problem.engineers) / 3600
    impossible = sum(not any(j.may_be_done_by(e) for e in problem.engineers)
                     for j in problem.jobs)
    return (f"{problem.name}: {len(problem.jobs)} jobs, {len(problem.engineers)} engineers; "
            f"{work_h:.0f} h of work on site for {shift_h:.0f} h of shifts (before any "
            f"driving); {impossible} jobs no engineer may do")


def figures(problem: Problem, outcome: Outcome) -> dict:
    """The comparable numbers for one solver's plan, measured by us, not by the solver."""
    solution = outcome.solution
    violations = validate(problem, solution, check_breaks=outcome.check_breaks)
    priority = {job.id: job.priority for job in problem.jobs}
    by_priority = {f"P{p}": 0 for p in (1, 2, 3, 4)}
    for route in solution.routes:
        for stop in route.stops:
            by_priority[f"P{priority[stop.job_id]}"] += 1
    km = solution.distance_m / 1000
    return {
        "name": problem.name,
        "solver": outcome.solver,
        "served": solution.served,
        "jobs": len(problem.jobs),
        "served_by_priority": by_priority,
        "vehicles": solution.vehicles,
        "km": round(km, 2),
        "km_per_served": round(km / solution.served, 3) if solution.served else None,
        "travel_h": round(solution.travel_s / 3600, 2),
        "valid": not violations,
        "violations": [f"{v.code}: {v.message}" for v in violations[:5]],
        "violation_count": len(violations),
        "breaks_checked": outcome.check_breaks,
        "seconds": round(outcome.seconds, 2),
        "first_feasible_s": (None if outcome.first_feasible_s is None
                             else round(outcome.first_feasible_s, 3)),
        "objective_over_time": list(outcome.progress),
        "left_out": list(outcome.left_out),
    }


def print_figures(row: dict) -> None:
    served = " ".join(f"{k}:{v}" for k, v in row["served_by_priority"].items())
    verdict = "valid" if row["valid"] else f"INVALID ({row['violation_count']} violations)"
    if not row["breaks_checked"]:
        verdict += " (breaks not checked: this solver cannot plan them)"
    if row["served"] == 0 and row["jobs"]:
        verdict += " but NO PLAN: every job left out"
    first = "-" if row["first_feasible_s"] is None else f"{row['first_feasible_s']:.2f} s"
    print(f"  {row['solver']:<11} served {row['served']}/{row['jobs']} ({served})  "
          f"engineers {row['vehicles']}  {row['km']:.1f} km  "
          f"{row['km_per_served'] or 0:.2f} km/served job  first plan {first}  "
          f"{row['seconds']:.1f} s  {verdict}")
    for violation in row["violations"]:
        print(f"         ! {violation}")
    points = row["objective_over_time"]
    if points:
        shown = points if len(points) <= 8 else points[:3] + points[-5:]
        print("         objective over time: " + ", ".join(f"{t:.1f}s {v}" for t, v in shown))
    for note in row["left_out"]:
        print(f"         left out: {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--engineers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--lunch-min", type=int, default=30,
                        help="lunch break length; 0 plans a day without breaks, which every "
                             "solver compared can express exactly")
    parser.add_argument("--vs", default="", help="comma-separated: pyvrp,vroom,pyvrp+lunch")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--skip-ours", action="store_true", help="run only the --vs solvers")
    args = parser.parse_args()
    problem = field_day(FieldDayShape(jobs=args.jobs, engineers=args.engineers, seed=args.seed,
                                      lunch_s=args.lunch_min * 60))
    if not args.json:
        print(describe_day(problem))
    runners = {"ours": lambda: solve_ours(problem, args.time_limit, args.seed),
               "pyvrp": lambda: solve_pyvrp(problem, args.time_limit, args.seed),
               "pyvrp+lunch": lambda: solve_pyvrp_with_lunch(problem, args.time_limit, args.seed),
               "vroom": lambda: solve_vroom(problem, args.time_limit)}
    names = [] if args.skip_ours else ["ours"]
    names += [n.strip() for n in args.vs.split(",") if n.strip()]
    failed = False
    for name in names:
        try:
            row = figures(problem, runners[name]())
        except MemoryError as exc:
            row = {"name": problem.name, "solver": name, "skipped": str(exc)}
        except Exception as exc:  # noqa: BLE001 - report it, then run the other solvers
            failed = True
            row = {"name": problem.name, "solver": name, "skipped": f"FAILED: {exc!r}"}
        if args.json:
            print(json.dumps(row), flush=True)
        elif "skipped" in row:
            print(f"  {name:<11} skipped: {row['skipped']}")
        else:
            print_figures(row)
        sys.stdout.flush()
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
