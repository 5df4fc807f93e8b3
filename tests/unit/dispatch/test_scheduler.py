"""The scheduler's timetable: tomorrow planned each evening at the configured local time, and
each package's housekeeping at its hour."""

from __future__ import annotations

from datetime import UTC, datetime

from core import jobs as core_jobs
from core.scheduling import build_scheduler
from dispatch import jobs as dispatch_jobs
from notifications import jobs as notifications_jobs
from spareparts import jobs as spareparts_jobs


def timetable(settings: dict) -> dict:
    jobs = [*core_jobs.scheduled(settings), *dispatch_jobs.scheduled(settings),
            *spareparts_jobs.scheduled(settings), *notifications_jobs.scheduled(settings)]
    scheduler = build_scheduler(jobs, settings["TIMEZONE"], fire=print)
    return {job.id: job for job in scheduler.get_jobs()}


def test_tomorrow_is_planned_at_the_configured_evening_time_and_notices_go_every_minute() -> None:
    jobs = timetable({"TIMEZONE": "Asia/Shanghai", "SCHEDULER_PLAN_AT": "19:45"})
    assert set(jobs) == {"plan-tomorrow", "send-notices", "expire-reservations", "check-stock-books",
                         "fail-stalled-runs", "purge-idempotency-keys"}
    after = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    next_plan = jobs["plan-tomorrow"].trigger.get_next_fire_time(None, after)
    assert next_plan == datetime(2026, 11, 23, 11, 45, tzinfo=UTC)  # 19:45 the same day in Shanghai
    assert jobs["send-notices"].trigger.interval.total_seconds() == 60


def test_reservations_expire_hourly_and_the_stock_books_are_checked_each_night() -> None:
    jobs = timetable({"TIMEZONE": "Asia/Shanghai"})
    after = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    assert jobs["expire-reservations"].trigger.get_next_fire_time(None, after) == \
        datetime(2026, 11, 23, 1, 5, tzinfo=UTC)
    assert jobs["check-stock-books"].trigger.get_next_fire_time(None, after) == \
        datetime(2026, 11, 23, 18, 30, tzinfo=UTC)  # 02:30 the next night in Shanghai
    assert jobs["purge-idempotency-keys"].trigger.get_next_fire_time(None, after) == \
        datetime(2026, 11, 23, 1, 17, tzinfo=UTC)
