"""A seeded, realistic field day: the instance the optimizer is benchmarked on.

A ~30 km city around Shenzhen; engineers leave from and return to home; customers
booked 2 h arrival windows between 08:00 and 16:00; 30–90 min jobs; five trades with
2–3 per engineer at levels 1–3; lunch breaks; a few jobs needing a part that only some
vans carry, a few pinned by the customer; more work than the team can do.

The numbers come from how a service desk books work, not from what suits our solver:
the benchmark compares solvers on it, so it must not lean towards any of them.
Same seed, same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dispatch.optimizer.problem import BreakWindow, Engineer, Job, Problem
from dispatch.travel import GreatCircleTravel, LatLon, TravelProvider

SKILLS = ("locks", "cameras", "appliances", "hvac", "electrical")
SKILL_DEMAND = (0.18, 0.14, 0.28, 0.22, 0.18)  # share of jobs needing each trade
CITY_CENTRE = (22.54, 114.06)
CITY_HALF_SPAN_DEG = (0.135, 0.146)  # 30 km × 30 km at this latitude
HOUR_S = 3600
MINUTE_S = 60


@dataclass(frozen=True)
class FieldDayShape:
    """The knobs of the day; the defaults are the benchmark's."""

    jobs: int = 400
    engineers: int = 40
    seed: int = 1
    window_s: int = 2 * HOUR_S
    first_window_start_s: int = 8 * HOUR_S
    last_window_end_s: int = 16 * HOUR_S
    shift_s: int = 9 * HOUR_S
    lunch_window_s: tuple[int, int] = (11 * HOUR_S + 30 * MINUTE_S, 13 * HOUR_S + 30 * MINUTE_S)
    lunch_s: int = 30 * MINUTE_S
    second_skill_share: float = 0.12
    parts_share: float = 0.08
    pinned_share: float = 0.02


@dataclass(frozen=True)
class _DraftEngineer:
    home: LatLon
    shift_start_s: int
    skills: dict[str, int]


@dataclass(frozen=True)
class _DraftJob:
    location: LatLon
    window_start_s: int
    duration_s: int
    skills: dict[str, int]
    priority: int


def city_point(rng: np.random.Generator, count: int) -> np.ndarray:
    """Uniform points over the city square, (lat, lon) rows."""
    lat = CITY_CENTRE[0] + rng.uniform(-CITY_HALF_SPAN_DEG[0], CITY_HALF_SPAN_DEG[0], count)
    lon = CITY_CENTRE[1] + rng.uniform(-CITY_HALF_SPAN_DEG[1], CITY_HALF_SPAN_DEG[1], count)
    return np.column_stack([lat, lon])


def job_locations(rng: np.random.Generator, count: int) -> np.ndarray:
    """Two thirds of the calls come from dense districts, the rest from anywhere."""
    districts = city_point(rng, max(4, count // 60)) * 0.8 + np.array(CITY_CENTRE) * 0.2
    in_district = rng.random(count) < 0.65
    centre = districts[rng.integers(0, len(districts), count)]
    spread = rng.normal(0.0, 0.018, (count, 2))  # ~2 km standard deviation
    points = np.where(in_district[:, None], centre + spread, city_point(rng, count))
    low = np.array(CITY_CENTRE) - np.array(CITY_HALF_SPAN_DEG)
    high = np.array(CITY_CENTRE) + np.array(CITY_HALF_SPAN_DEG)
    return np.clip(points, low, high)


def draft_engineers(rng: np.random.Generator, shape: FieldDayShape) -> list[_DraftEngineer]:
    """Trades staffed roughly in proportion to demand, as a manager would hire."""
    homes = city_point(rng, shape.engineers)
    starts = rng.choice([7 * HOUR_S + 30 * MINUTE_S, 8 * HOUR_S, 8 * HOUR_S + 30 * MINUTE_S],
                        size=shape.engineers, p=[0.2, 0.6, 0.2])
    engineers = []
    for index in range(shape.engineers):
        trades = rng.choice(len(SKILLS), size=int(rng.integers(2, 4)), replace=False,
                            p=SKILL_DEMAND)
        levels = rng.choice([1, 2, 3], size=len(trades), p=[0.35, 0.40, 0.25])
        engineers.append(_DraftEngineer(
            home=(float(homes[index, 0]), float(homes[index, 1])),
            shift_start_s=int(starts[index]),
            skills={SKILLS[t]: int(level) for t, level in zip(trades, levels, strict=True)},
        ))
    return engineers


def draft_jobs(rng: np.random.Generator, shape: FieldDayShape) -> list[_DraftJob]:
    locations = job_locations(rng, shape.jobs)
    last_start_h = (shape.last_window_end_s - shape.window_s) // HOUR_S
    window_hours = rng.integers(shape.first_window_start_s // HOUR_S, last_start_h + 1, shape.jobs)
    durations = rng.integers(30 // 5, 90 // 5 + 1, shape.jobs) * 5 * MINUTE_S
    priorities = rng.choice([1, 2, 3, 4], size=shape.jobs, p=[0.10, 0.25, 0.40, 0.25])
    jobs = []
    for index in range(shape.jobs):
        jobs.append(_DraftJob(
            location=(float(locations[index, 0]), float(locations[index, 1])),
            window_start_s=int(window_hours[index]) * HOUR_S,
            duration_s=int(durations[index]),
            skills=_job_skills(rng, shape.second_skill_share),
            priority=int(priorities[index]),
        ))
    return jobs


def _job_skills(rng: np.random.Generator, second_skill_share: float) -> dict[str, int]:
    main = int(rng.choice(len(SKILLS), p=SKILL_DEMAND))
    skills = {SKILLS[main]: int(rng.choice([1, 2, 3], p=[0.55, 0.30, 0.15]))}
    if rng.random() < second_skill_share:
        other = [s for s in range(len(SKILLS)) if s != main]
        skills[SKILLS[int(rng.choice(other))]] = 1
    return skills


def qualified(engineer: _DraftEngineer, job: _DraftJob) -> bool:
    return all(engineer.skills.get(skill, 0) >= level for skill, level in job.skills.items())


def parts_and_pins(
    rng: np.random.Generator, shape: FieldDayShape, engineers: Sequence[_DraftEngineer],
    jobs: Sequence[_DraftJob],
) -> tuple[dict[int, frozenset[int]], dict[int, int]]:
    """Vans that carry a job's part, and customers who asked for a named engineer.

    A part is on 25–50 % of the vans, whoever the skilled engineers are (stock does
    not follow skills, which is how jobs end up ``parts-unavailable``); a pin goes
    only to an engineer who can do the job, as a dispatcher would pin it.
    """
    allowed: dict[int, frozenset[int]] = {}
    pinned: dict[int, int] = {}
    for index, job in enumerate(jobs):
        if rng.random() < shape.parts_share:
            share = rng.uniform(0.25, 0.50)
            count = max(1, round(share * len(engineers)))
            allowed[index] = frozenset(
                int(e) for e in rng.choice(len(engineers), size=count, replace=False)
            )
        if rng.random() < shape.pinned_share:
            able = [e for e, eng in enumerate(engineers)
                    if qualified(eng, job) and e in allowed.get(index, range(len(engineers)))]
            if able:
                pinned[index] = int(rng.choice(able))
    return allowed, pinned


def locations_of(engineers: Sequence[_DraftEngineer], jobs: Sequence[_DraftJob]) -> list[LatLon]:
    """Engineers' homes first (index = engineer), then jobs (index = engineers + job)."""
    return [e.home for e in engineers] + [j.location for j in jobs]


def field_day(shape: FieldDayShape = FieldDayShape(), travel: TravelProvider | None = None
              ) -> Problem:
    """The day for ``shape``; the same shape (seed included) always gives the same day.

    No overtime is allowed and no engineer is preferred: both are soft in our model but
    free or absent in the solvers we compare with, so leaving them out keeps the
    comparison about the hard rules.
    """
    rng = np.random.default_rng(shape.seed)
    engineers = draft_engineers(rng, shape)
    jobs = draft_jobs(rng, shape)
    allowed, pinned = parts_and_pins(rng, shape, engineers, jobs)
    matrix = (travel or GreatCircleTravel()).matrix(locations_of(engineers, jobs))
    lunch = (BreakWindow(shape.lunch_window_s[0], shape.lunch_window_s[1], shape.lunch_s)
             if shape.lunch_s else None)
    return Problem(
        engineers=[_engineer(i, e, shape, lunch) for i, e in enumerate(engineers)],
        jobs=[_job(j, job, len(engineers), shape, allowed, pinned) for j, job in enumerate(jobs)],
        travel_s=matrix.travel_s,
        distance_m=matrix.distance_m,
        name=f"fieldday-{shape.jobs}x{shape.engineers}-seed{shape.seed}",
    )


def engineer_id(index: int) -> str:
    return f"E{index + 1:03d}"


def _engineer(index: int, draft: _DraftEngineer, shape: FieldDayShape, lunch: BreakWindow | None
              ) -> Engineer:
    return Engineer(
        id=engineer_id(index),
        start_location=index,
        end_location=index,
        shift_start_s=draft.shift_start_s,
        shift_end_s=draft.shift_start_s + shape.shift_s,
        skills=draft.skills,
        lunch=lunch,
    )


def _job(index: int, draft: _DraftJob, engineer_count: int, shape: FieldDayShape,
         allowed: dict[int, frozenset[int]], pinned: dict[int, int]) -> Job:
    vans = allowed.get(index)
    pin = pinned.get(index)
    return Job(
        id=f"J{index + 1:04d}",
        location=engineer_count + index,
        window_start_s=draft.window_start_s,
        window_end_s=draft.window_start_s + shape.window_s,
        duration_s=draft.duration_s,
        skills=draft.skills,
        priority=draft.priority,
        allowed_engineers=None if vans is None else frozenset(engineer_id(e) for e in vans),
        pinned_engineer=None if pin is None else engineer_id(pin),
    )
