"""The scheduler process's timetable, assembled from each package's ``jobs.py``.

Each package declares its scheduled work as ``ScheduledJob`` values; ``app.py`` gathers them
into the runtime, and ``flask scheduler run`` (one dedicated process, never a web worker)
fires them. Every run takes the job's lock (``core.locks``), so a second scheduler started
by mistake finds it taken and skips; the jobs themselves are idempotent besides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.db import UnitOfWork
from core.locks import job_lock

log = logging.getLogger("fixroute.scheduler")


@dataclass(frozen=True)
class ScheduledJob:
    """``run`` gets the runtime and opens the units of work it needs; ``cron`` takes
    APScheduler's cron fields in the service timezone (``{"hour": 2, "minute": 30}``), or
    ``every_s`` a fixed interval."""

    name: str
    run: Callable[[Any], Any]
    cron: dict[str, int] = field(default_factory=dict)
    every_s: int | None = None
    misfire_grace_s: int | None = None


def in_one_unit(work: Callable[[UnitOfWork], Any]) -> Callable[[Any], Any]:
    """A job that is one use case: one unit of work, committed when it returns."""

    def run(rt: Any) -> Any:
        with rt.unit_of_work() as uow:
            return work(uow)

    return run


def run_job(rt: Any, job: ScheduledJob) -> Any:
    """One firing: under the job's lock, or skipped when another process holds it."""
    with job_lock(rt.engine, job.name) as mine:
        if not mine:
            log.info("%s is running elsewhere; skipped", job.name)
            return None
        result = job.run(rt)
    log.info("%s: %s", job.name, result)
    return result


def build_scheduler(jobs: Iterable[ScheduledJob], timezone: str,
                    fire: Callable[[ScheduledJob], Any]) -> BlockingScheduler:
    tz = ZoneInfo(timezone)
    scheduler = BlockingScheduler(timezone=tz)
    for job in jobs:
        trigger = IntervalTrigger(seconds=job.every_s, timezone=tz) if job.every_s \
            else CronTrigger(timezone=tz, **job.cron)
        scheduler.add_job(fire, trigger, args=(job,), id=job.name, max_instances=1, coalesce=True,
                          misfire_grace_time=job.misfire_grace_s)
    return scheduler
