"""The evening before: the engineer switches to tomorrow's published route (ETAs and the lunch
break from the plan), may call tomorrow's customers back but do nothing else on those jobs yet,
and both days stay on the phone when the network goes."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import STORED_ON_PHONE, ZH, FieldDay, log_in, screenshot
from tests.browser.test_job_flow import OPEN
from tests.browser.test_route import _no_horizontal_scroll, _tap_targets_are_big, _text_contrast_is_high

TOMORROW = date(2026, 11, 24)  # the test clock stands on Monday 2026-11-23 in Shanghai
SHANGHAI = ZoneInfo("Asia/Shanghai")


def hhmm(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(SHANGHAI).strftime("%H:%M")


@dataclass
class Tomorrow:
    field_day: FieldDay
    stops: list[int]            # tomorrow's jobs in window order: 09–11, 14–16, 16–18
    plan: dict[str, Any]        # GET /me/plan?date=tomorrow as Li sees it


@pytest.fixture
def tomorrow(field_day: FieldDay) -> Tomorrow:
    """Three scheduled jobs tomorrow, planned (short seeded solve) and published by the office."""
    from tests.support.dispatch import local, publish_day
    from tests.support.workorders import make_asset, make_customer, make_site, make_work_order
    from workorders import Status

    app = field_day.server.app

    def job(name: str, phone: str, address: str, lat: float, start_h: int) -> int:
        customer = make_customer(app, name=name, phone=phone)
        site = make_site(app, customer, address=address, lat=lat, lon=114.05, access_notes="小区东门进")
        start = local(start_h, day=TOMORROW)
        asset = make_asset(app, site, product_model="智能门锁 S2")
        return make_work_order(app, Status.SCHEDULED, asset_id=asset, window_start=start,
                               window_end=start + timedelta(hours=2), parts_needed=[],
                               number=f"WO-20261124-{start_h:04d}", symptom=f"{name}家的门锁卡滞")

    stops = [job("郭平", "+86 139 2222 0001", "深圳市南山区科苑路3号", 22.53, 9),
             job("何云", "+86 139 2222 0002", "深圳市福田区华强北路40号", 22.55, 14),
             job("马丽", "+86 139 2222 0003", "深圳市罗湖区东门中路7号", 22.56, 16)]
    publish_day(app, TOMORROW, "dana")
    status, _, plan = field_day.server.api("GET", f"/me/plan?date={TOMORROW}", field_day.a.token)
    assert status == 200 and plan["route"] is not None
    return Tomorrow(field_day, stops, plan)


def _wait_until_both_days_are_cached(page: Any, count: int) -> None:
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        kv = json.loads(page.evaluate(STORED_ON_PHONE))["kv"]
        if sum(1 for value in kv if isinstance(value, dict) and value.get("history")) == count:
            return
        time.sleep(0.1)
    raise AssertionError("both days' jobs were not cached")


def test_the_switch_shows_tomorrows_route_in_planned_order_with_the_plans_etas_and_the_break(
    phone: Any, tomorrow: Tomorrow
) -> None:
    server = tomorrow.field_day.server
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, server, "li")
    page.locator("li.stop").nth(2).wait_for()
    page.get_by_role("link", name=ZH("day.tomorrow"), exact=True).click()
    page.get_by_role("heading", name=ZH("route.heading.tomorrow")).wait_for()
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    route = tomorrow.plan["route"]
    assert [s["work_order_id"] for s in route["stops"]] == tomorrow.stops
    assert [int(s) for s in stops.evaluate_all("els => els.map(e => e.dataset.jobId)")] == tomorrow.stops
    assert "2026年11月24日周二" in page.locator("p.day").inner_text()

    for stop, planned in zip(stops.all(), route["stops"], strict=True):
        assert ZH("stop.eta", time=hhmm(planned["arrival_at"])) in stop.inner_text()
    # The second stop's window opens at 14:00: the plan arrives before it, and the page says so,
    # where the work order's planned start (when work begins) would say 14:00.
    assert hhmm(route["stops"][1]["arrival_at"]) != hhmm(route["stops"][1]["start_at"]) == "14:00"
    assert ZH("badge.late") not in page.locator("ol.stops").inner_text()

    rows = page.locator("ol.stops > li").evaluate_all("els => els.map(e => e.className)")
    assert rows == ["stop", "break", "stop", "stop"]  # lunch between the morning and afternoon jobs
    lunch = page.get_by_label(ZH("route.lunch"))
    assert f"{hhmm(route['break_start_at'])}–{hhmm(route['break_end_at'])}" in lunch.inner_text()
    assert ZH("route.lookAhead") in page.get_by_role("note").inner_text()
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    _text_contrast_is_high(page)
    screenshot(page, "route-tomorrow")

    page.get_by_role("link", name=ZH("day.today"), exact=True).click()
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    today = page.locator("li.stop")
    assert [int(s) for s in today.evaluate_all("els => els.map(e => e.dataset.jobId)")] == \
        tomorrow.field_day.stops
    assert ZH("stop.eta", time="09:20") in today.nth(0).inner_text()  # no plan today: the planned start
    assert page.locator("li.break").count() == 0
    assert errors == []


def test_tomorrows_job_is_read_only_except_calling_the_customer_back(phone: Any, tomorrow: Tomorrow) -> None:
    server, office = tomorrow.field_day.server, tomorrow.field_day.dispatcher.token
    job = tomorrow.stops[0]
    page = phone.new_page()
    log_in(page, server, "li")
    page.get_by_role("link", name=ZH("day.tomorrow"), exact=True).click()
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    page.get_by_role("heading", name="WO-20261124-0009 · 郭平").wait_for()
    note = page.get_by_role("note").inner_text()
    assert ZH("job.tomorrowNote", day="2026年11月24日周二") in note
    assert page.get_by_role("button", name=ZH("step.enRoute.button")).count() == 0
    assert page.get_by_role("link", name="← " + ZH("route.heading.tomorrow")).is_visible()
    _tap_targets_are_big(page)
    screenshot(page, "job-tomorrow")

    page.get_by_label(ZH("step.contacted.note")).fill("明天9点后，按两次门铃")
    with page.expect_response(lambda r: r.url.endswith("/customer-contacted")) as answer:
        page.get_by_role("button", name=ZH("step.contacted.button")).click()
    assert answer.value.status == 200
    _, _, events = server.api("GET", f"/work-orders/{job}/events", office)
    assert [(e["kind"], e["reason"]) for e in events if e["kind"] != "transition"] == [
        ("customer_contacted", "明天9点后，按两次门铃")]
    page.get_by_role("button", name=ZH("step.contacted.button")).wait_for(state="detached")
    assert page.get_by_role("button", name=ZH("step.enRoute.button")).count() == 0
    _, _, order = server.api("GET", f"/work-orders/{job}", office)
    assert order["status"] == "assigned"

    # Today's job, opened next, still offers the trip.
    page.get_by_role("link", name="← " + ZH("route.heading.tomorrow")).click()
    page.get_by_role("link", name=ZH("day.today"), exact=True).click()
    today = tomorrow.field_day.stops[0]
    page.locator(f'li.stop[data-job-id="{today}"]').get_by_role("link", name=OPEN).click()
    page.get_by_role("button", name=ZH("step.enRoute.button")).wait_for()
    assert page.get_by_role("note").count() == 0


def test_both_days_viewed_online_still_open_offline_with_the_time_they_were_saved(
    phone: Any, tomorrow: Tomorrow
) -> None:
    server = tomorrow.field_day.server
    page = phone.new_page()
    log_in(page, server, "li")
    page.get_by_role("link", name=ZH("day.tomorrow"), exact=True).click()
    page.locator("li.stop").nth(2).wait_for()
    _wait_until_both_days_are_cached(page, len(tomorrow.field_day.stops) + len(tomorrow.stops))
    saved_at = page.locator("p.day").inner_text().rsplit(ZH("route.updated", time=""), 1)[1]

    phone.set_offline(True)
    page.goto(server.url + "/engineer/")
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    assert page.locator("#net").inner_text() == ZH("net.offline")
    assert ZH("route.offlineAsOf", when=saved_at) in page.get_by_role("note").inner_text()
    today = page.locator("li.stop")
    today.nth(2).wait_for()
    assert [int(s) for s in today.evaluate_all("els => els.map(e => e.dataset.jobId)")] == \
        tomorrow.field_day.stops

    page.get_by_role("link", name=ZH("day.tomorrow"), exact=True).click()
    page.get_by_role("heading", name=ZH("route.heading.tomorrow")).wait_for()
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    assert [int(s) for s in stops.evaluate_all("els => els.map(e => e.dataset.jobId)")] == tomorrow.stops
    first = tomorrow.plan["route"]["stops"][0]
    assert ZH("stop.eta", time=hhmm(first["arrival_at"])) in stops.nth(0).inner_text()
    assert page.get_by_label(ZH("route.lunch")).is_visible()
    assert ZH("route.offlineAsOf", when=saved_at) in page.locator("main").inner_text()
    screenshot(page, "route-tomorrow-offline")

    stops.nth(1).get_by_role("link", name=OPEN).click()
    page.get_by_role("heading", name="WO-20261124-0014 · 何云").wait_for()
    assert "何云家的门锁卡滞" in page.locator("main").inner_text()
    assert page.get_by_role("button", name=ZH("step.enRoute.button")).count() == 0


def test_opened_offline_the_next_morning_yesterdays_tomorrow_is_today_and_its_jobs_can_start(
    phone: Any, tomorrow: Tomorrow
) -> None:
    server = tomorrow.field_day.server
    page = phone.new_page()
    log_in(page, server, "li")
    _wait_until_both_days_are_cached(page, len(tomorrow.field_day.stops) + len(tomorrow.stops))

    phone.set_offline(True)
    page.clock.install(time=datetime.now(SHANGHAI) + timedelta(days=1))  # the phone's next morning
    page.goto(server.url + "/engineer/")
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    assert [int(s) for s in stops.evaluate_all("els => els.map(e => e.dataset.jobId)")] == tomorrow.stops
    assert "2026年11月24日周二" in page.locator("p.day").inner_text()
    assert ZH("route.offlineAsOf", when="{when}").split("{when}")[0] in page.get_by_role("note").inner_text()
    stops.nth(0).get_by_role("link", name=OPEN).click()
    page.get_by_role("button", name=ZH("step.enRoute.button")).wait_for()  # today's job now: it can start
    assert page.get_by_role("link", name="← " + ZH("route.heading.today")).is_visible()

    page.get_by_role("link", name="← " + ZH("route.heading.today")).click()
    page.get_by_role("link", name=ZH("day.tomorrow"), exact=True).click()
    page.get_by_role("heading", name=ZH("route.heading.tomorrow")).wait_for()
    assert ZH("route.noneSaved.tomorrow") in page.locator("main").inner_text()
