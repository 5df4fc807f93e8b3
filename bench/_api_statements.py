"""SQL statements per request, for each endpoint the load drives: in process (Flask test
client) against the bench's PostgreSQL schema, counted on the app's engine with
``tests.support.statements.count_statements`` (the fixture the tests assert with).

Each endpoint is warmed first on another row, so a count is a steady request's, not the
first one's. ``/me/route`` is counted on routes of 2, 4 and 8 jobs and the writes on jobs with
5 and 200 events, so a count that grows with route length or history shows.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from _api_company import Company, InProcessApi
from flask import Flask

from tests.support.statements import count_statements

TAP_CYCLE = (("en_route", "engineer", {}), ("on_site", "engineer", {}),
             ("on_hold", "engineer", {"hold_reason": "customer_absent"}),
             ("scheduled", "office", {}), ("assigned", "office", None))


class Counter:
    def __init__(self, app: Flask, company: Company) -> None:
        self.app, self.company, self.api = app, company, InProcessApi(app)
        self.rows: list[dict[str, Any]] = []
        self.office = company.dispatcher

    def count(self, endpoint: str, case: str, method: str, path: str, token: str, body: Any = None,
              headers: dict[str, str] | None = None, warm: bool = True) -> Any:
        if warm:
            self.api.call(method, path, token, body, headers)
        with count_statements(self.app) as counted:
            response = self.api.call(method, path, token, body, headers)
        self.rows.append({"endpoint": endpoint, "case": case, "statements": counted.count,
                          "rows": counted.rows, "sql": [" ".join(s.split()) for s in counted.statements]})
        return response

    def version(self, job_id: int) -> int:
        return int(self.api.call("GET", f"/work-orders/{job_id}", self.office).json["version"])

    def write_headers(self, job_id: int) -> dict[str, str]:
        return {"If-Match": f'"{self.version(job_id)}"', "Idempotency-Key": uuid.uuid4().hex}

    def events(self, job_id: int) -> int:
        return len(self.api.call("GET", f"/work-orders/{job_id}/events", self.office).json)


def count_all(app: Flask, company: Company) -> list[dict[str, Any]]:
    counter = Counter(app, company)
    _reads(counter, company)
    _routes(counter, company)
    _writes(counter, company)
    return counter.rows


def _reads(counter: Counter, company: Company) -> None:
    office, file = company.dispatcher, _busiest_customer(counter, company)
    job_id = company.history_jobs["warmup-0"]
    counter.count("GET /work-orders?per_page=20", "", "GET", "/work-orders?per_page=20", office)
    counter.count("GET /work-orders/{id}", "", "GET", f"/work-orders/{job_id}", office)
    counter.count("GET /customers/{id}", "", "GET", f"/customers/{file.customer_id}", office)
    counter.count("GET /customers/{id}/sites", "", "GET", f"/customers/{file.customer_id}/sites", office)
    counter.count("GET /sites/{id}/assets", "", "GET", f"/sites/{file.site_id}/assets", office)
    orders = counter.count("GET /work-orders?customer_id=", "", "GET",
                           f"/work-orders?customer_id={file.customer_id}", office).json
    counter.rows[-1]["case"] = f"{len(orders)} orders"
    plan = counter.count("GET /plans/{id} (plan view)", "", "GET", f"/plans/{company.plan_id}", office).json
    counter.rows[-1]["case"] = f"{len(plan['routes'])} routes, {plan['totals']['served']} jobs"


def _busiest_customer(counter: Counter, company: Company) -> Any:
    """Of the first customers, the one with the most work orders: a file worth reading."""
    def orders(file: Any) -> int:
        answer = counter.api.call("GET", f"/work-orders?customer_id={file.customer_id}", company.dispatcher)
        return len(answer.json)

    return max(company.customers[:20], key=orders)


def _routes(counter: Counter, company: Company) -> None:
    for length, engineer_id in sorted(company.route_engineers.items()):
        token = company.engineer_tokens[engineer_id]
        route = counter.count("GET /me/route", "", "GET", f"/me/route?date={company.route_day.isoformat()}",
                              token).json
        counter.rows[-1]["case"] = f"{len(route)} jobs"
        assert len(route) == length, (length, len(route))
    engineer_id = min(company.engineer_tokens)
    route = counter.count("GET /me/route", "", "GET", f"/me/route?date={company.tomorrow.isoformat()}",
                          company.engineer_tokens[engineer_id]).json
    counter.rows[-1]["case"] = f"{len(route)} jobs (tomorrow, published)"


def _writes(counter: Counter, company: Company) -> None:
    """Warmed on the warm-up job, then counted on the jobs with 5 and 200 events."""
    jobs = company.history_jobs
    warm = jobs["warmup-0"]
    _patch(counter, warm, "warm-up")
    _call_back(counter, warm, "warm-up")
    _tap_cycle(counter, company, warm, "warm-up")
    counter.rows = [row for row in counter.rows if row["case"] != "warm-up"]
    for name in ("callback-5", "callback-200"):
        _call_back(counter, jobs[name], f"{counter.events(jobs[name])} events")
    for name in ("transition-5", "transition-200"):
        case = f"{counter.events(jobs[name])} events"
        _patch(counter, jobs[name], case)
        _tap_cycle(counter, company, jobs[name], case)


def _patch(counter: Counter, job_id: int, case: str) -> None:
    counter.count("PATCH /work-orders/{id}", case, "PATCH", f"/work-orders/{job_id}", counter.office,
                  {"priority": 2}, {"If-Match": f'"{counter.version(job_id)}"'}, warm=False)


def _call_back(counter: Counter, job_id: int, case: str) -> None:
    engineer = counter.api.call("GET", f"/work-orders/{job_id}", counter.office).json["engineer_id"]
    counter.count("POST /work-orders/{id}/customer-contacted", case, "POST",
                  f"/work-orders/{job_id}/customer-contacted", counter.company.engineer_tokens[engineer],
                  {"reason": "Confirmed the window"}, counter.write_headers(job_id), warm=False)


def _tap_cycle(counter: Counter, company: Company, job_id: int, case: str) -> None:
    """The status taps the load makes: the engineer's three, then the office's two."""
    engineer_id = counter.api.call("GET", f"/work-orders/{job_id}", counter.office).json["engineer_id"]
    start = datetime.combine(company.today, time(16), tzinfo=ZoneInfo(company.timezone))
    for status, who, extra in TAP_CYCLE:
        body = {"to": status, **(extra if extra is not None else {
            "engineer_id": engineer_id, "planned_start": start.isoformat(),
            "planned_end": (start + timedelta(hours=1)).isoformat()})}
        token = company.engineer_tokens[engineer_id] if who == "engineer" else counter.office
        counter.count(f"POST /work-orders/{{id}}/transitions ({who}) → {status}", case, "POST",
                      f"/work-orders/{job_id}/transitions", token, body, counter.write_headers(job_id),
                      warm=False)
