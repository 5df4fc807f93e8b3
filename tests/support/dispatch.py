"""Builders for planning tests: a small day (engineers on shift, jobs of the test date), and
helpers to ask for a plan and read it back.

The test clock stands at 2026-11-23 09:00 in Shanghai (a Monday); jobs default to its
14:00–16:00 window (``tests.support.workorders``).
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from tests.support.engineers import WEEKDAYS_9_TO_6, make_engineer
from tests.support.workorders import make_asset, make_site, make_work_order
from workorders.orders.models import PartNeeded, RequiredSkill

DAY = date(2026, 11, 23)
PLAN_SETTINGS = {"PLAN_RUNNER": "inline", "PLAN_WORKERS": 1, "PLAN_SOLUTION_LIMIT": 60}


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """Shanghai wall-clock time on the test day, as aware UTC (Shanghai is UTC+8, no DST)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def on_shift_engineer(app: Any, skills: dict[str, int] | None = None, **overrides: Any) -> int:
    overrides.setdefault("weekly", WEEKDAYS_9_TO_6)
    return make_engineer(app, skills=skills if skills is not None else {"locks": 2}, **overrides)


def job(app: Any, *, lat: float = 22.54, lon: float = 114.05, skill: str = "locks", level: int = 1,
        parts: dict[str, int] | None = None, start: datetime | None = None, hours: int = 2,
        **overrides: Any) -> int:
    """A scheduled job at its own site on the test day."""
    site = make_site(app, lat=lat, lon=lon)
    asset = make_asset(app, site_id=site)
    window = {} if start is None else {"window_start": start, "window_end": start + timedelta(hours=hours)}
    return make_work_order(app, asset_id=asset, required_skills=[RequiredSkill(skill=skill, min_level=level)],
                           parts_needed=[PartNeeded(sku=s, qty=q) for s, q in (parts or {}).items()],
                           **window, **overrides)


def plan(client: FlaskClient, headers: dict[str, str], day: date = DAY, path: str = "/api/v1/plans",
         **body: Any) -> dict[str, Any]:
    """Asks for a plan and waits for the run to finish; returns GET /plans/{id}."""
    response = client.post(path, json={"date": day.isoformat(), "time_limit_s": 1, **body}, headers=headers)
    assert response.status_code == 202, response.get_json()
    return wait_for(client, headers, response.get_json()["id"])


def wait_for(client: FlaskClient, headers: dict[str, str], plan_id: int,
             timeout_s: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        body = client.get(f"/api/v1/plans/{plan_id}", headers=headers).get_json()
        if body["run_status"] not in ("queued", "running") or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def routed(plan_body: dict[str, Any]) -> dict[int, int]:
    """work order id → engineer id, for every stop of the plan."""
    return {s["work_order_id"]: r["engineer_id"] for r in plan_body["routes"] for s in r["stops"]}


def reasons(plan_body: dict[str, Any]) -> dict[int, str]:
    return {u["work_order_id"]: u["reason"] for u in plan_body["unassigned"]}


def publish_day(app: Any, day: date, username: str, time_limit_s: float = 1.0) -> int:
    """Plans ``day`` here (a short, seeded solve, as ``flask plan --publish`` does) and publishes it
    as the office user ``username``, through the planner's own path; returns the plan id."""

    from dispatch.cli import office_actor
    from dispatch.planning import service
    from dispatch.planning.models import RunStatus
    from dispatch.planning.runs import run_plan
    from dispatch.publishing.service import publish_plan

    rt = app.extensions["fixroute"]
    new_uow = rt.unit_of_work
    with new_uow() as uow:
        plan_id = service.request_plan(uow, None, day, time_limit_s).id
    run_plan(new_uow, plan_id)
    with new_uow() as uow:
        plan = service.get_plan(uow, plan_id)
        assert plan.run_status is RunStatus.DONE, plan.error
        publish_plan(uow, office_actor(uow, username), plan_id)
    return plan_id
