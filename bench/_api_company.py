"""The API bench's company: the demo company (``flask demo seed``), tomorrow planned and
published, then about ten times its work orders over the past week and today, each made and
moved through the public API in process (the real use cases, and unchanged by any
restructuring behind the API), some with long event histories.

Also the rows the statement counter needs: routes of 2, 4 and 8 jobs on a day of their own,
and jobs with exactly 5 and 200 events.
"""

from __future__ import annotations

import base64
import random
import struct
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask

from core.cli import upgrade_database
from core.clock import local_date
from demo.company import PRODUCTS
from demo.seed import seed_demo

WINDOW_STARTS = (time(9), time(10), time(11), time(13), time(14), time(15))
PAST_DAYS = 7
HISTORY_TARGETS = (50, 80, 110, 140, 170, 200, 230, 260, 300)  # events on some of today's jobs
ROUTE_LENGTHS = (2, 4, 8)
ROUTE_DAY_OFFSET = 3  # a day of its own for the 2-, 4- and 8-job routes
# The statement counter's jobs, "name-events": written on with exactly that history, after a warm-up.
COUNTER_JOBS = ("callback-5", "callback-200", "transition-5", "transition-200", "warmup-0")
SKILL_OF_MODEL = {p.model: p.skill for p in PRODUCTS}
MINUTES_OF_MODEL = {p.model: p.typical_duration_min for p in PRODUCTS}


class ApiRefused(Exception):
    pass


class InProcessApi:
    """The Flask test client with the bench's tokens: the same views, no HTTP in between."""

    def __init__(self, app: Flask) -> None:
        self.client = app.test_client()

    def call(self, method: str, path: str, token: str | None = None, body: Any = None,
             headers: dict[str, str] | None = None, expect: tuple[int, ...] = (200, 201)) -> Any:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        response = self.client.open(f"/api/v1{path}", method=method, json=body, headers=all_headers)
        if response.status_code not in expect:
            raise ApiRefused(f"{method} {path} -> {response.status_code}: {response.get_data(as_text=True)}")
        return response


@dataclass
class CustomerFile:
    customer_id: int
    site_id: int
    asset_id: int | None
    model: str


@dataclass
class Company:
    timezone: str
    today: date
    tomorrow: date
    dispatcher: str
    engineer_tokens: dict[int, str]  # engineer id -> bearer token
    customers: list[CustomerFile]
    plan_id: int
    route_day: date
    route_engineers: dict[int, int] = field(default_factory=dict)  # jobs on the route -> engineer id
    history_jobs: dict[str, int] = field(default_factory=dict)  # "callback-5", "transition-200", …
    tap_jobs: dict[int, int] = field(default_factory=dict)  # job id -> its engineer, for the taps
    reserved_jobs: set[int] = field(default_factory=set)  # not for the load: the counter's rows
    counts: dict[str, Any] = field(default_factory=dict)


def build(app: Flask, scale: int, plan_time_limit_s: float, threads: int, progress: Any) -> Company:
    rt = app.extensions["fixroute"]
    upgrade_database(rt.settings["DATABASE_URL"])
    tz = ZoneInfo(rt.settings["TIMEZONE"])
    today = local_date(rt.clock.now(), tz)
    with rt.unit_of_work() as uow:
        summary = seed_demo(uow, rt.hasher, today + timedelta(days=1))
    progress(f"demo company seeded for {today + timedelta(days=1)}: {summary.counts}")
    api = InProcessApi(app)
    dispatcher, engineer_tokens = _log_in(api, summary.logins)
    company = Company(rt.settings["TIMEZONE"], today, today + timedelta(days=1), dispatcher,
                      engineer_tokens, _customer_files(api, dispatcher), plan_id=0,
                      route_day=today + timedelta(days=ROUTE_DAY_OFFSET))
    company.plan_id = _plan_and_publish(api, dispatcher, company.tomorrow, plan_time_limit_s, progress)
    demo_orders = _total(api, dispatcher, "/work-orders?per_page=1")
    Generator(app, company, tz, random.Random(18), threads).run(demo_orders * (scale - 1), progress)
    company.counts.update(demo_work_orders=demo_orders,
                          work_orders=_total(api, dispatcher, "/work-orders?per_page=1"),
                          customers=len(company.customers), engineers=len(engineer_tokens))
    return company


def _log_in(api: InProcessApi, logins: list[tuple[str, str, str]]) -> tuple[str, dict[int, str]]:
    dispatcher, engineers = "", {}
    for username, password, role in logins:
        if role != "dispatcher" and not role.startswith("engineer"):
            continue
        credentials = {"username": username, "password": password}
        token = api.call("POST", "/auth/login", body=credentials).json["token"]
        if role == "dispatcher":
            dispatcher = token
        else:
            engineers[api.call("GET", "/auth/me", token).json["engineer_id"]] = token
    return dispatcher, engineers


def _customer_files(api: InProcessApi, token: str) -> list[CustomerFile]:
    files, page = [], 1
    while True:
        customers = api.call("GET", f"/customers?per_page=100&page={page}", token).json
        for customer in customers:
            site = api.call("GET", f"/customers/{customer['id']}/sites?per_page=1", token).json[0]
            assets = api.call("GET", f"/sites/{site['id']}/assets?per_page=1", token).json
            asset = assets[0] if assets else None
            files.append(CustomerFile(customer["id"], site["id"], asset and asset["id"],
                                      asset["product_model"] if asset else PRODUCTS[0].model))
        if len(customers) < 100:
            return files
        page += 1


def _plan_and_publish(api: InProcessApi, token: str, day: date, time_limit_s: float, progress: Any) -> int:
    plan_id = api.call("POST", "/plans", token, {"date": day.isoformat(), "time_limit_s": time_limit_s},
                       expect=(202,)).json["id"]
    published = api.call("POST", f"/plans/{plan_id}/publish", token).json
    progress(f"tomorrow planned and published: plan {plan_id}, {published['plan']['served']} of "
             f"{published['plan']['job_count']} jobs served")
    return int(plan_id)


def _total(api: InProcessApi, token: str, path: str) -> int:
    import json

    return int(json.loads(api.call("GET", path, token).headers["X-Pagination"])["total"])


def signature_data_url() -> str:
    """A real 1×1 PNG, as the phone's signature pad would send."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


@dataclass(frozen=True)
class OrderSpec:
    """One order's random choices, drawn up front so a thread pool builds the same company."""

    file: CustomerFile
    day: date
    start: time
    offset_min: int
    engineer_id: int
    roll: float


class Generator:
    """More of the same company's work, made the way the office and the phones make it.

    Orders are independent of each other, so a few threads build them at once (each with its
    own test client); each order's own steps stay in order.
    """

    def __init__(self, app: Flask, company: Company, tz: ZoneInfo, rng: random.Random, threads: int) -> None:
        self.app, self.company, self.tz, self.rng, self.threads = app, company, tz, rng, threads
        self.engineer_ids = sorted(company.engineer_tokens)
        self.signature = signature_data_url()
        self.local = threading.local()
        self.stopping = threading.Event()

    @property
    def api(self) -> InProcessApi:
        if self.stopping.is_set():
            raise ApiRefused("the build was stopped")
        if not hasattr(self.local, "api"):
            self.local.api = InProcessApi(self.app)
        return self.local.api

    def _each(self, work: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """On Ctrl-C or a failure, queued work is dropped and running work stops at its next
        request, so the bench can drop its schema without waiting for the rest."""
        pool = ThreadPoolExecutor(self.threads)
        try:
            return list(pool.map(work, items))
        except BaseException:
            self.stopping.set()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def run(self, extra_orders: int, progress: Any) -> None:
        days = [self.company.today - timedelta(days=n) for n in range(PAST_DAYS, -1, -1)]
        per_day = max(1, extra_orders // len(days))
        today_jobs: list[dict[str, Any]] = []
        for day in days:
            specs = [self.spec(day, self.engineer_ids[n % len(self.engineer_ids)]) for n in range(per_day)]
            if day == self.company.today:
                today_jobs = self._each(self.assigned_order, specs)
            else:
                self._each(lambda spec: self.finish_in_the_past(self.assigned_order(spec), spec.roll), specs)
            progress(f"{day}: {per_day} more work orders")
        self._each(self.assigned_order, self.route_specs())
        self.histories(today_jobs, progress)

    def spec(self, day: date, engineer_id: int, start: time | None = None) -> OrderSpec:
        return OrderSpec(self.rng.choice(self.company.customers), day,
                         start or self.rng.choice(WINDOW_STARTS), self.rng.choice((0, 15, 30, 45)),
                         engineer_id, self.rng.random())

    def assigned_order(self, spec: OrderSpec) -> dict[str, Any]:
        file, token = spec.file, self.company.dispatcher
        request = self.api.call("POST", "/service-requests", token, {
            "channel": "phone", "category": "repair", "customer_id": file.customer_id,
            "site_id": file.site_id, "asset_id": file.asset_id,
            "symptom": "Stopped working after a power cut"}).json
        window_start = datetime.combine(spec.day, spec.start, tzinfo=self.tz)
        duration_s = 60 * MINUTES_OF_MODEL.get(file.model, 45)
        order = self.api.call("POST", f"/service-requests/{request['id']}/convert", token, {
            "estimated_duration_s": duration_s, "window_start": window_start.isoformat(),
            "window_end": (window_start + timedelta(hours=2)).isoformat(),
            "required_skills": [{"skill": SKILL_OF_MODEL.get(file.model, "locks"), "min_level": 1}],
            "parts_needed": []}).json
        self.move(order["id"], token, {"to": "scheduled"})
        planned = window_start + timedelta(minutes=spec.offset_min)
        return self.move(order["id"], token, {
            "to": "assigned", "engineer_id": spec.engineer_id, "planned_start": planned.isoformat(),
            "planned_end": (planned + timedelta(seconds=duration_s)).isoformat()})

    def move(self, job_id: int, token: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.api.call("POST", f"/work-orders/{job_id}/transitions", token, body).json

    def finish_in_the_past(self, job: dict[str, Any], roll: float) -> None:
        """Most past jobs were completed (and most of those closed); some were cancelled or
        wait for a part."""
        office, engineer = self.company.dispatcher, self.company.engineer_tokens[job["engineer_id"]]
        if roll < 0.1:
            self.move(job["id"], office, {"to": "cancelled", "reason": "Customer fixed it themselves"})
            return
        self.move(job["id"], engineer, {"to": "en_route"})
        if roll < 0.2:
            self.move(job["id"], engineer, {"to": "on_hold", "hold_reason": "needs_part"})
            return
        self.move(job["id"], engineer, {"to": "on_site"})
        report = {"diagnosis_notes": "Power board burnt", "resolution_notes": "Replaced fuse, tested twice",
                  "test_passed": True, "no_parts_used": True}
        if job["chargeable"]:
            report |= {"quote_amount": "180.00", "consent_name": "Customer"}
        self.api.call("PATCH", f"/work-orders/{job['id']}", engineer, report)
        self.api.call("POST", f"/work-orders/{job['id']}/signature", engineer,
                      {"signer_name": "Customer", "image": self.signature})
        for status in ("in_progress", "completed"):
            self.move(job["id"], engineer, {"to": status})
        if roll < 0.8:
            self.move(job["id"], office, {"to": "closed"})

    def route_specs(self) -> list[OrderSpec]:
        """Three engineers with 2, 4 and 8 jobs on a day nobody else works on."""
        specs = []
        for length, engineer_id in zip(ROUTE_LENGTHS, self.engineer_ids, strict=False):
            day = self.company.route_day
            specs.extend(self.spec(day, engineer_id, time(8 + n, 30)) for n in range(length))
            self.company.route_engineers[length] = engineer_id
        return specs

    def histories(self, today_jobs: list[dict[str, Any]], progress: Any) -> None:
        """Jobs with exactly 5 and 200 events for the counter; long histories on others."""
        named = dict(zip(COUNTER_JOBS, today_jobs, strict=False))
        long = today_jobs[len(named):len(named) + len(HISTORY_TARGETS)]
        work = [(job, int(name.split("-")[1])) for name, job in named.items()]
        self._each(lambda pair: self.call_back(*pair), work + list(zip(long, HISTORY_TARGETS, strict=True)))
        for name, job in named.items():
            self.company.history_jobs[name] = job["id"]
            self.company.reserved_jobs.add(job["id"])
        rest = today_jobs[len(named) + len(HISTORY_TARGETS):]
        self.company.tap_jobs = {job["id"]: job["engineer_id"] for job in rest[::2]}
        self.company.counts.update(long_histories=len(long) + 1, longest_history=max(HISTORY_TARGETS),
                                   tap_jobs=len(self.company.tap_jobs))
        progress(f"long histories: {len(long) + 1} of today's jobs with 50–{max(HISTORY_TARGETS)} events")

    def call_back(self, job: dict[str, Any], events: int) -> None:
        """Call-backs until the job's history holds ``events`` events."""
        token = self.company.engineer_tokens[job["engineer_id"]]
        have = len(self.api.call("GET", f"/work-orders/{job['id']}/events", token).json)
        for n in range(events - have):
            self.api.call("POST", f"/work-orders/{job['id']}/customer-contacted", token,
                          {"reason": f"Call-back {n + 1}: confirmed the window"})
