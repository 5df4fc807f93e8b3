"""Scheduled work for the scheduler process: plan tomorrow each evening, send customer notices,
and run the other packages' housekeeping (spare parts: expire reservations, check the books).

Each job takes its lock (``core.locks``) and is safe to run twice: tomorrow is planned once
per evening (a second run finds the plan already made), a notice is sent once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.clock import local_date
from core.locks import job_lock
from dispatch import notices, service
from dispatch.models import Plan, PlanKind, RunStatus

log = logging.getLogger("fixroute.jobs")
LIVE_RUNS = (RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.DONE)


def plan_tomorrow(new_uow: Any, engine: Any, clock: Any, settings: dict[str, Any], runner: Any) -> int | None:
    """The id of tomorrow's nightly plan; made (and solved) only if this evening has none yet."""
    with job_lock(engine, "plan-tomorrow") as mine:
        if not mine:
            log.info("plan-tomorrow is running elsewhere; skipped")
            return None
        tomorrow = local_date(clock.now(), ZoneInfo(settings["TIMEZONE"])) + timedelta(days=1)
        with new_uow() as uow:
            existing = uow.session.scalar(
                select(Plan.id).where(Plan.service_date == tomorrow, Plan.kind == PlanKind.DAY,
                                      Plan.requested_by_user_id.is_(None), Plan.territory.is_(None),
                                      Plan.run_status.in_(LIVE_RUNS)).order_by(Plan.id.desc()).limit(1))
            if existing is not None:
                log.info("tomorrow (%s) already has nightly plan %s", tomorrow, existing)
                return existing
            plan_id = service.request_plan(uow, None, tomorrow, settings.get("PLAN_TIME_LIMIT_S")).id
        runner.submit(plan_id)
        log.info("nightly plan %s for %s solved", plan_id, tomorrow)
        return plan_id


def send_notices(new_uow: Any, engine: Any, settings: dict[str, Any]) -> int:
    with job_lock(engine, "send-notices") as mine:
        if not mine:
            return 0
        with new_uow() as uow:
            return notices.deliver_pending(uow, notices.sender_for(settings))


def run_locked(new_uow: Any, engine: Any, name: str, work: Any) -> Any:
    """Another package's job in its own unit of work, under its lock: a second scheduler by
    mistake skips it rather than doing it twice at once."""
    with job_lock(engine, name) as mine:
        if not mine:
            log.info("%s is running elsewhere; skipped", name)
            return None
        with new_uow() as uow:
            result = work(uow)
        log.info("%s: %s", name, result)
        return result


def check_stock_books(uow: Any) -> int:
    """The nightly reconciliation; a mismatch is an error someone must look at today."""
    from spareparts.jobs import reconcile_job

    mismatches = reconcile_job(uow)
    if mismatches:
        log.error("stock books: %s balance(s) differ from the ledger (flask stock check lists them)",
                  mismatches)
    return mismatches


def fail_stalled_runs(uow: Any) -> list[int]:
    """Plans whose worker died are marked failed, so nobody waits on them."""
    return service.fail_stalled_runs(uow)
