"""The problem a plan was solved from, kept with the plan.

A plan is checked again by the validator when it is published and shown; that needs the
exact problem it was solved from (the database moves on), so the problem is stored as JSON
(engineers, jobs, which database row each one is) and its travel matrices as compressed
numpy arrays. Pure: no database, no Flask.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from dispatch.optimizer.problem import BreakWindow, Costs, Engineer, Job, Problem


@dataclass(frozen=True)
class LeftOut:
    """A job the builder could not even offer the optimizer, with the reason why."""

    work_order_id: int
    reason: str
    detail: str


@dataclass(frozen=True)
class PlanningDay:
    """A problem plus what ties it to the database: which row each engineer and job is."""

    problem: Problem
    service_date: date
    timezone: str
    engineer_ids: dict[str, int]
    work_order_ids: dict[str, int]
    left_out: tuple[LeftOut, ...] = ()
    fixed_keys: frozenset[str] = field(default_factory=frozenset)
    parts: Any = field(default=None, compare=False)  # the run's PartsPicture; not stored

    @property
    def midnight(self) -> datetime:
        """The service day's local midnight, the zero of every ``_s`` in the plan."""
        return datetime.combine(self.service_date, time.min, tzinfo=ZoneInfo(self.timezone))

    def at(self, seconds: int | None) -> datetime | None:
        """Seconds from local midnight as an aware UTC instant."""
        if seconds is None:
            return None
        return (self.midnight + timedelta(seconds=int(seconds))).astimezone(UTC)


def seconds_from_midnight(moment: datetime, service_date: date, timezone: str) -> int:
    midnight = datetime.combine(service_date, time.min, tzinfo=ZoneInfo(timezone))
    return int((moment - midnight).total_seconds())


def dump(day: PlanningDay) -> tuple[str, bytes]:
    problem = day.problem
    body = {
        "service_date": day.service_date.isoformat(),
        "timezone": day.timezone,
        "engineer_ids": day.engineer_ids,
        "work_order_ids": day.work_order_ids,
        "left_out": [asdict(item) for item in day.left_out],
        "fixed_keys": sorted(day.fixed_keys),
        "now_s": problem.now_s,
        "costs": asdict(problem.costs),
        "engineers": [_engineer_dict(e) for e in problem.engineers],
        "jobs": [_job_dict(j) for j in problem.jobs],
    }
    buffer = io.BytesIO()
    np.savez_compressed(buffer, travel_s=problem.travel_s, distance_m=problem.distance_m)
    return json.dumps(body, separators=(",", ":")), buffer.getvalue()


def load(text: str, matrices: bytes) -> PlanningDay:
    body = json.loads(text)
    with np.load(io.BytesIO(matrices)) as arrays:
        travel_s, distance_m = arrays["travel_s"], arrays["distance_m"]
    problem = Problem(
        engineers=[_engineer(e) for e in body["engineers"]],
        jobs=[_job(j) for j in body["jobs"]],
        travel_s=travel_s, distance_m=distance_m, now_s=body["now_s"], costs=Costs(**body["costs"]),
    )
    return PlanningDay(
        problem=problem, service_date=date.fromisoformat(body["service_date"]), timezone=body["timezone"],
        engineer_ids={k: int(v) for k, v in body["engineer_ids"].items()},
        work_order_ids={k: int(v) for k, v in body["work_order_ids"].items()},
        left_out=tuple(LeftOut(**item) for item in body["left_out"]),
        fixed_keys=frozenset(body["fixed_keys"]),
    )


def _engineer_dict(engineer: Engineer) -> dict[str, Any]:
    data = asdict(engineer)
    data["skills"] = dict(engineer.skills)
    return data


def _engineer(data: dict[str, Any]) -> Engineer:
    lunch = data.pop("lunch")
    return Engineer(**data, lunch=BreakWindow(**lunch) if lunch else None)


def _job_dict(job: Job) -> dict[str, Any]:
    data = asdict(job)
    data["skills"] = dict(job.skills)
    data["allowed_engineers"] = None if job.allowed_engineers is None else sorted(job.allowed_engineers)
    data["promised_window"] = list(job.promised_window) if job.promised_window else None
    return data


def _job(data: dict[str, Any]) -> Job:
    allowed = data.pop("allowed_engineers")
    promised = data.pop("promised_window")
    return Job(**data, allowed_engineers=None if allowed is None else frozenset(allowed),
               promised_window=tuple(promised) if promised else None)
