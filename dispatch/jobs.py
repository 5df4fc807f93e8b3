"""Scheduled work of planning: plan tomorrow each evening, give up runs whose worker died.

Each is safe to run twice: tomorrow is planned once per evening (a second run finds the plan
already made), a failed run stays failed.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.clock import local_date
from core.scheduling import ScheduledJob, in_one_unit
from dispatch.planning import recording, service
from dispatch.planning.models import Plan, PlanKind, RunStatus
from dispatch.planning.runs import InlineRunner

log = logging.getLogger("fixroute.jobs")
LIVE_RUNS = (RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.DONE)


def evening_time(settings: dict[str, Any]) -> time:
    return time.fromisoformat(str(settings.get("SCHEDULER_PLAN_AT") or "20:00"))


def plan_tomorrow(rt: Any, runner: Any = None) -> int | None:
    """The id of tomorrow's nightly plan; made (and solved) only if this evening has none yet."""
    tomorrow = local_date(rt.clock.now(), ZoneInfo(rt.settings["TIMEZONE"])) + timedelta(days=1)
    with rt.unit_of_work() as uow:
        existing = uow.session.scalar(
            select(Plan.id).where(Plan.service_date == tomorrow, Plan.kind == PlanKind.DAY,
                                  Plan.requested_by_user_id.is_(None), Plan.territory.is_(None),
                                  Plan.run_status.in_(LIVE_RUNS)).order_by(Plan.id.desc()).limit(1))
        if existing is not None:
            log.info("tomorrow (%s) already has nightly plan %s", tomorrow, existing)
            return existing
        plan_id = service.request_plan(uow, None, tomorrow, rt.settings.get("PLAN_TIME_LIMIT_S")).id
    (runner or InlineRunner(rt.unit_of_work)).submit(plan_id)
    log.info("nightly plan %s for %s solved", plan_id, tomorrow)
    return plan_id


def scheduled(settings: dict[str, Any]) -> list[ScheduledJob]:
    at = evening_time(settings)
    return [
        ScheduledJob("plan-tomorrow", plan_tomorrow, cron={"hour": at.hour, "minute": at.minute},
                     misfire_grace_s=3600),
        ScheduledJob("fail-stalled-runs", in_one_unit(recording.fail_stalled_runs), every_s=60),
    ]
