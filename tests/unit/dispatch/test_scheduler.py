"""The scheduler's timetable: tomorrow planned each evening at the configured local time."""

from __future__ import annotations

from datetime import UTC, datetime

from dispatch.scheduler import build_scheduler


def test_tomorrow_is_planned_at_the_configured_evening_time_and_notices_go_every_minute() -> None:
    settings = {"TIMEZONE": "Asia/Shanghai", "SCHEDULER_PLAN_AT": "19:45"}
    scheduler = build_scheduler(None, None, None, settings, None)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"plan-tomorrow", "send-notices"}
    after = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    next_plan = jobs["plan-tomorrow"].trigger.get_next_fire_time(None, after)
    assert next_plan == datetime(2026, 11, 23, 11, 45, tzinfo=UTC)  # 19:45 the same day in Shanghai
    assert jobs["send-notices"].trigger.interval.total_seconds() == 60
