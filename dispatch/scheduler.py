"""The scheduler process's timetable (APScheduler, run by ``flask scheduler run``).

Never started inside web workers: one dedicated process; each job also takes its own lock,
so a second scheduler by mistake only finds the jobs already done.
"""

from __future__ import annotations

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from dispatch import jobs
from spareparts.jobs import expire_reservations_job


def evening_time(settings: dict[str, Any]) -> time:
    return time.fromisoformat(str(settings.get("SCHEDULER_PLAN_AT") or "20:00"))


def build_scheduler(new_uow: Any, engine: Any, clock: Any, settings: dict[str, Any], runner: Any
                    ) -> BlockingScheduler:
    tz = ZoneInfo(settings["TIMEZONE"])
    at = evening_time(settings)
    scheduler = BlockingScheduler(timezone=tz)
    scheduler.add_job(jobs.plan_tomorrow, CronTrigger(hour=at.hour, minute=at.minute, timezone=tz),
                      args=(new_uow, engine, clock, settings, runner), id="plan-tomorrow",
                      max_instances=1, coalesce=True, misfire_grace_time=3600)
    scheduler.add_job(jobs.send_notices, IntervalTrigger(minutes=1, timezone=tz),
                      args=(new_uow, engine, settings), id="send-notices", max_instances=1, coalesce=True)
    scheduler.add_job(jobs.run_locked, IntervalTrigger(minutes=1, timezone=tz),
                      args=(new_uow, engine, "fail-stalled-runs", jobs.fail_stalled_runs),
                      id="fail-stalled-runs", max_instances=1, coalesce=True)
    scheduler.add_job(jobs.run_locked, CronTrigger(minute=5, timezone=tz),
                      args=(new_uow, engine, "expire-reservations", expire_reservations_job),
                      id="expire-reservations", max_instances=1, coalesce=True)
    scheduler.add_job(jobs.run_locked, CronTrigger(hour=2, minute=30, timezone=tz),
                      args=(new_uow, engine, "check-stock-books", jobs.check_stock_books),
                      id="check-stock-books", max_instances=1, coalesce=True, misfire_grace_time=3600)
    return scheduler
