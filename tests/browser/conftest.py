"""A real server and Debian's Chromium at a phone's size, for the engineer page's journeys.

The server is the real app (werkzeug, threaded) on a free 127.0.0.1 port over a fresh SQLite
file per test, seeded through the same builders the API tests use. http://127.0.0.1 counts as
a secure context, so the service worker runs as it would over HTTPS.

The phone speaks Chinese (zh-CN, the demo company's language) unless a test asks for English;
tests find the page's words through the shared catalogue (``ZH("route.heading.today")``), so
they follow the texts rather than copy them.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from app import create_app
from core.clock import FixedClock
from tests.support.databases import build_schema, sqlite_url
from tests.support.dispatch import PLAN_SETTINGS

STATIC = Path(__file__).resolve().parents[2] / "static"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}

# Everything the page keeps in IndexedDB, as one JSON string.
STORED_ON_PHONE = """async () => {
    const db = await new Promise((ok) => {
        const r = indexedDB.open('fixroute-engineer'); r.onsuccess = () => ok(r.result); });
    const read = (name) => new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
    return JSON.stringify({kv: await read('kv'), outbox: await read('outbox')});
}"""


@dataclass(frozen=True)
class Catalogue:
    """The pages' words in one language, as the tests look them up: ``ZH("stop.eta", time="09:20")``."""

    locale: str

    def __call__(self, key: str, **params: Any) -> str:
        words = _catalogue(self.locale)
        text = words.get(key)
        if text is None and isinstance(params.get("count"), int):
            form = "one" if self.locale == "en" and params["count"] == 1 else "other"
            text = words[f"{key}.{form}"]
        if text is None:
            raise KeyError(key)
        return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m.group(1), m.group(0))), text)


@functools.cache
def _catalogue(locale: str) -> dict[str, str]:
    return json.loads((STATIC / "i18n" / f"{locale}.json").read_text(encoding="utf-8"))


ZH, EN = Catalogue("zh-CN"), Catalogue("en")


@dataclass
class LiveServer:
    app: Any
    url: str
    clock: FixedClock
    requests: list[dict[str, Any]] = field(default_factory=list)

    def api(self, method: str, path: str, token: str, body: Any = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
        """One call to the JSON API as another client (the dispatcher's desk, a replaying phone)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                raw = answer.read()
                return answer.status, dict(answer.headers), json.loads(raw) if raw else None
        except urllib.error.HTTPError as refused:
            raw = refused.read()
            return refused.code, dict(refused.headers), json.loads(raw) if raw else None


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    url = sqlite_url(tmp_path)
    build_schema(url)
    clock = FixedClock()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "REDIS_URL": None, **PLAN_SETTINGS}, clock=clock)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}", clock)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["fixroute"].engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Every browser test comes through here, so a machine without Chromium skips them all
    (a developer's without root); in CI, where bin/test installs it, its absence fails."""
    if CHROMIUM is None:
        message = "Debian's chromium is not installed (bin/setup-browser installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


def new_phone(browser: Any, locale: str) -> Any:
    """A fresh phone set to a language: its own storage, service workers and network switch."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  timezone_id="Asia/Shanghai", locale=locale)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone in Chinese, as the demo company's engineers have them."""
    context = new_phone(browser, "zh-CN")
    yield context
    context.close()


@pytest.fixture
def english_phone(browser: Any) -> Iterator[Any]:
    """A phone whose browser prefers English (en-GB)."""
    context = new_phone(browser, "en-GB")
    yield context
    context.close()


def screenshot(target: Any, name: str) -> Path:
    """A whole page or one element, saved under test-artifacts/ (gitignored) to be looked at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if hasattr(target, "goto"):
        target.evaluate("window.scrollTo(0, 0)")
        target.screenshot(path=str(path), full_page=True)
    else:
        target.screenshot(path=str(path))
    return path


@dataclass
class FieldDay:
    """Engineer A's route for the test clock's day, engineer B's job, and the dispatcher."""

    server: LiveServer
    a: Any
    b: Any
    dispatcher: Any
    stops: list[int]          # A's jobs in planned order
    chargeable: int           # the out-of-warranty job (second stop), a repeat repair
    late: int                 # the third stop: its ETA passes the window end
    theirs: int               # B's job
    van: int                  # A's van


@pytest.fixture
def field_day(live_server: LiveServer) -> FieldDay:
    from datetime import UTC, date, datetime, timedelta

    from core.auth import Role
    from tests.support.engineers import WEEKDAYS_9_TO_6, make_engineer
    from tests.support.users import make_user
    from tests.support.workorders import make_asset, make_customer, make_site, make_work_order
    from workorders import Status

    app = live_server.app
    # Li works weekdays 9–6 with a lunch break and holds the lock skill, so a plan of tomorrow routes
    # tomorrow's jobs to Li (tests that plan use it; today's jobs are assigned by hand).
    a = make_user(app, Role.ENGINEER, "li", engineer_id=make_engineer(
        app, name="李伟", skills={"locks": 2}, weekly=WEEKDAYS_9_TO_6))
    b = make_user(app, Role.ENGINEER, "wang", engineer_id=make_engineer(app, name="王芳"))
    dispatcher = make_user(app, Role.DISPATCHER, "dana")

    def job(name: str, phone: str, address: str, start_h: int, eta: tuple[int, int] | None,
            engineer: Any, **fields: Any) -> int:
        site = make_site(app, make_customer(app, name=name, phone=phone), address=address,
                         access_notes="大门密码 1234")
        asset = make_asset(app, site, **{"product_model": "智能门锁 S2", **fields.pop("asset", {})})
        window_start = datetime(2026, 11, 23, start_h - 8, 0, tzinfo=UTC)  # Shanghai is UTC+8
        planned = {}
        if eta is not None:
            planned_start = datetime(2026, 11, 23, eta[0] - 8, eta[1], tzinfo=UTC)
            planned = {"planned_start": planned_start, "planned_end": planned_start + timedelta(hours=1)}
        return make_work_order(app, Status.ASSIGNED, engineer_id=engineer.engineer_id, asset_id=asset,
                               window_start=window_start, window_end=window_start + timedelta(hours=2),
                               **planned, **fields)

    first = job("周敏", "+86 139 1111 0001", "深圳市福田区滨河大道12号", 9, (9, 20), a,
                symptom="摄像机从昨天起离线")
    late = job("孙磊", "+86 139 1111 0003", "深圳市南山区南海大道88号", 14, (16, 20), a,
               symptom="门磁误报警")
    chargeable = job("陈静", "+86 139 1111 0002", "深圳市罗湖区深南东路5号", 11, (11, 15), a,
                     chargeable=True, symptom="智能门锁电机异响，打不开",
                     asset={"warranty_until": date(2026, 1, 10), "serial": "SL-REPEAT-01"})
    theirs = job("保密客户", "+86 139 9999 9999", "深圳市盐田区幽径1号", 10, (10, 0), b,
                 symptom="王芳的私人工单")
    _past_repair(app, chargeable, a.engineer_id)
    van = _stock_vans(app, a.engineer_id, b.engineer_id, chargeable)
    return FieldDay(live_server, a, b, dispatcher, [first, chargeable, late], chargeable, late, theirs, van)


def _stock_vans(app: Any, a_engineer_id: int, b_engineer_id: int, chargeable: int) -> int:
    """A's van holds two serialized, returnable lock motors (one reserved for the chargeable job)
    and a box of batteries; B's van holds a part A must never see."""
    from spareparts.reservations.service import reserve
    from tests.support.spareparts import make_part, make_van, put_stock, run

    make_part(app, "LK-MOTOR", name="门锁电机", serialized=True, returnable=True)
    make_part(app, "BAT-AA4", name="5号电池（4节装）")
    make_part(app, "SECRET-PART", name="王芳的专用配件")
    van = make_van(app, a_engineer_id)
    put_stock(app, van, "LK-MOTOR", serials=["MOTOR-NEW-0001", "MOTOR-NEW-0002"])
    put_stock(app, van, "BAT-AA4", qty=6)
    put_stock(app, make_van(app, b_engineer_id, name="王芳"), "SECRET-PART", qty=1)
    run(app, lambda uow: reserve(uow, None, work_order_id=chargeable, sku="LK-MOTOR", location_id=van, qty=1,
                                 engineer_id=a_engineer_id))
    return van


def _past_repair(app: Any, work_order_id: int, engineer_id: int) -> None:
    """The chargeable job's lock was repaired 12 days ago: a repeat repair."""
    from datetime import timedelta

    from core.auth import Role
    from tests.support.workorders import WINDOW_START, make_work_order
    from workorders import Status
    from workorders.orders.models import EventKind, WorkOrder, WorkOrderEvent

    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        asset_id = uow.session.get(WorkOrder, work_order_id).asset_id
    done_at = WINDOW_START - timedelta(days=12)
    past = make_work_order(app, Status.COMPLETED, engineer_id=engineer_id, asset_id=asset_id,
                           window_start=done_at - timedelta(hours=2), window_end=done_at,
                           created_at=done_at - timedelta(days=1), symptom="门锁卡住",
                           resolution_notes="清洁电机并上油")
    with rt.unit_of_work() as uow:
        uow.session.add(WorkOrderEvent(work_order_id=past, kind=EventKind.TRANSITION,
                                       from_status=Status.IN_PROGRESS, to_status=Status.COMPLETED,
                                       actor_user_id=1, actor_role=Role.ENGINEER, at=done_at))


def log_in(page: Any, server: LiveServer, username: str, words: Catalogue = ZH) -> None:
    from tests.support.users import TEST_PASSWORD

    page.goto(server.url + "/engineer/")
    page.get_by_label(words("login.username")).fill(username)
    page.get_by_label(words("login.password")).fill(TEST_PASSWORD)
    page.get_by_role("button", name=words("login.submit")).click()
    page.get_by_role("heading", name=words("route.heading.today")).wait_for()
