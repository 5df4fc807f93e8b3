"""Large days are planned as territories: split by geography, solved one after another.

A 2,000-job day is beyond what one routing model searches well in two minutes on two
cores, but engineers rarely cross a city anyway. So the day is cut into parts of at
most ``MAX_JOBS_PER_PART`` jobs: engineers are grouped around homes spread over the
map (farthest-first), and each job goes to the group whose homes are nearest, except
that a pinned or started job follows its engineer and a job with restricted engineers
(parts) goes to the nearest group holding one of them. Each part is then planned with
the full portfolio in its share of the time, and the routes are put together.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from dispatch.optimizer.options import ProgressCallback, SearchOptions
from dispatch.optimizer.problem import Job, Problem
from dispatch.optimizer.solution import ProgressPoint, SolveStats

MAX_JOBS_PER_PART = 500
JOB_SLACK = 1.15  # a part may take this much more than its engineers' share of jobs


def split(problem: Problem, max_jobs: int = MAX_JOBS_PER_PART) -> list[Problem]:
    """The day as territories (one part when it is small enough already)."""
    parts = math.ceil(len(problem.jobs) / max_jobs)
    if parts <= 1 or len(problem.engineers) < 2 * parts:
        return [problem]
    homes = np.array([e.departure_location for e in problem.engineers], dtype=np.int64)
    group_of = _group_engineers(problem.travel_s, homes, parts)
    job_part = _place_jobs(problem, homes, group_of, parts)
    return [replace(problem,
                    engineers=[e for e, g in zip(problem.engineers, group_of, strict=True) if g == p],
                    jobs=[j for j, q in zip(problem.jobs, job_part, strict=True) if q == p],
                    name=f"{problem.name}/part{p + 1}")
            for p in range(parts)]


def _group_engineers(travel_s: np.ndarray, homes: np.ndarray, parts: int) -> np.ndarray:
    """Equal groups around ``parts`` homes spread farthest apart."""
    seeds = [0]
    reach = travel_s[homes[0], homes].astype(np.float64)
    while len(seeds) < parts:
        seeds.append(int(np.argmax(reach)))
        reach = np.minimum(reach, travel_s[homes[seeds[-1]], homes])
    cost = travel_s[np.ix_(homes[seeds], homes)]  # seed × engineer
    size = math.ceil(len(homes) / parts)
    group_of = np.full(len(homes), -1, dtype=np.int64)
    filled = np.zeros(parts, dtype=np.int64)
    for flat in np.argsort(cost, axis=None, kind="stable"):
        seed, engineer = divmod(int(flat), len(homes))
        if group_of[engineer] < 0 and filled[seed] < size:
            group_of[engineer] = seed
            filled[seed] += 1
    return group_of


def _place_jobs(problem: Problem, homes: np.ndarray, group_of: np.ndarray,
                parts: int) -> list[int]:
    """Each job to the part whose engineers live nearest, within the part's share."""
    job_places = np.array([j.location for j in problem.jobs], dtype=np.int64)
    to_jobs = problem.travel_s[np.ix_(homes, job_places)].astype(np.float64)
    nearness = np.stack([to_jobs[group_of == p].min(axis=0) for p in range(parts)])
    group_size = np.bincount(group_of, minlength=parts)
    share = np.ceil(group_size / len(homes) * len(problem.jobs) * JOB_SLACK)
    index_of = {e.id: i for i, e in enumerate(problem.engineers)}
    taken = np.zeros(parts, dtype=np.int64)
    placed = [-1] * len(problem.jobs)
    order = np.argsort(nearness.min(axis=0), kind="stable")
    for j in order:
        job = problem.jobs[int(j)]
        part = _bound_part(job, index_of, group_of)
        if part is None:
            candidates = _parts_allowed(problem, job, group_of, parts)
            ranked = sorted(candidates, key=lambda p, j=int(j): nearness[p, j])
            part = next((p for p in ranked if taken[p] < share[p]), ranked[0])
        placed[int(j)] = part
        taken[part] += 1
    return placed


def _bound_part(job: Job, index_of: dict[str, int], group_of: np.ndarray) -> int | None:
    engineer = job.must_engineer
    return None if engineer is None else int(group_of[index_of[engineer]])


def _parts_allowed(problem: Problem, job: Job, group_of: np.ndarray, parts: int) -> list[int]:
    if job.allowed_engineers is None:
        return list(range(parts))
    allowed = {int(g) for e, g in zip(problem.engineers, group_of, strict=True)
               if e.id in job.allowed_engineers}
    return sorted(allowed) or list(range(parts))


def solve_parts(parts: list[Problem], options: SearchOptions,
                on_progress: ProgressCallback | None = None):  # noqa: ANN201 - SearchResult
    """Each part in turn with the portfolio, in an equal share of the time left."""
    from dispatch.optimizer.portfolio import best_plan  # noqa: PLC0415 - imports solver
    from dispatch.optimizer.solver import SearchResult  # noqa: PLC0415

    began = time.monotonic()
    routes, dropped, objective, served_before = [], [], 0, 0
    first_s: float | None = None
    for number, part in enumerate(parts):
        left_s = options.time_limit_s - (time.monotonic() - began)
        share_s = max(1.0, left_s / (len(parts) - number))
        report = _shifted(on_progress, time.monotonic() - began, served_before)
        result = best_plan(part, replace(options, time_limit_s=share_s), report)
        if result is None:
            dropped += [job.id for job in part.jobs]
            continue
        if first_s is None and result.stats.first_feasible_s is not None:
            first_s = (time.monotonic() - began) - result.stats.elapsed_s \
                + result.stats.first_feasible_s
        routes += result.routes
        dropped += result.dropped
        objective += result.objective
        served_before += sum(len(r.stops) for r in result.routes)
    stats = SolveStats(elapsed_s=time.monotonic() - began, first_feasible_s=first_s,
                       engine=f"{len(parts)} territories",
                       notes=tuple(f"{p.name}: {len(p.jobs)} jobs, {len(p.engineers)} engineers"
                                   for p in parts))
    return SearchResult(tuple(routes), tuple(dropped), objective, stats)


def _shifted(on_progress: ProgressCallback | None, offset_s: float,
             served_before: int) -> ProgressCallback | None:
    """Progress of one part as progress of the whole day."""
    if on_progress is None:
        return None
    return lambda point: on_progress(ProgressPoint(point.elapsed_s + offset_s, point.objective,
                                                   point.served + served_before))
