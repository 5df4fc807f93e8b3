"""The simulated users of the API bench: what each one sends, in a loop, on its own connection.

Engineers read their route, call customers back and tap statuses (with ``Idempotency-Key``
and ``If-Match``, like the phone); dispatchers list work orders and edit them (``If-Match``);
agents read customer files (there is no agent role yet: they use the dispatcher's token).
Every write keeps the version it last saw, so a 412 or 409 means another user got there
first; those two are expected under load, any other non-2xx is an error.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from _api_client import Answer, Connection
from _api_company import Company

API = "/api/v1"
LIST = "GET /work-orders?per_page=20"
ENGINEER_HELD = frozenset({"assigned", "en_route", "on_site", "in_progress"})
PLANNABLE = frozenset({"new", "scheduled", "assigned", "on_hold"})


class Recorder:
    """One thread's answers: latencies and statuses per endpoint label."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {}
        self.statuses: dict[str, dict[Any, int]] = {}

    def note(self, label: str, status: Any, elapsed_s: float | None) -> None:
        counts = self.statuses.setdefault(label, {})
        counts[status] = counts.get(status, 0) + 1
        if elapsed_s is not None:
            self.latencies.setdefault(label, []).append(elapsed_s)


class User:
    """Subclasses send one request (or one short sequence) per ``step``."""

    def __init__(self, company: Company, index: int, peers: int, seed: int) -> None:
        self.company, self.index, self.peers = company, index, peers
        self.rng = random.Random(seed * 1000 + index)
        self.recorder = Recorder()
        self.connection: Connection

    def call(self, label: str, method: str, path: str, token: str | None = None, body: Any = None,
             headers: dict[str, str] | None = None) -> Answer:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        answer = self.connection.request(method, API + path, all_headers, body)
        self.recorder.note(label, answer.status, answer.elapsed_s)
        return answer

    def setup(self) -> None:
        """Reads what the user needs before the clock starts (not measured)."""

    def step(self) -> None:
        raise NotImplementedError

    def engineer(self) -> tuple[int, str]:
        ids = sorted(self.company.engineer_tokens)
        engineer_id = ids[self.index % len(ids)]
        return engineer_id, self.company.engineer_tokens[engineer_id]

    def write_headers(self, version: int) -> dict[str, str]:
        return {"If-Match": f'"{version}"', "Idempotency-Key": uuid.uuid4().hex}


class BareUser(User):
    def step(self) -> None:
        self.call(LIST + " (bare Flask)", "GET", "/work-orders")


class Dispatcher(User):
    def pages(self) -> int:
        return max(1, self.company.counts["work_orders"] // 20)

    def list_page(self) -> Answer:
        page = self.rng.randint(1, self.pages())
        return self.call(LIST, "GET", f"/work-orders?per_page=20&page={page}", self.company.dispatcher)

    def step(self) -> None:
        self.list_page()


class EditingDispatcher(Dispatcher):
    """Lists a page, then changes the priority of one plannable job on it."""

    def step(self) -> None:
        answer = self.list_page()
        if answer.status != 200:
            return
        jobs = [j for j in answer.json() if j["status"] in PLANNABLE and j["id"] not in self.company.tap_jobs]
        if jobs:
            job = self.rng.choice(jobs)
            self.call("PATCH /work-orders/{id}", "PATCH", f"/work-orders/{job['id']}",
                      self.company.dispatcher, {"priority": self.rng.randint(1, 4)},
                      {"If-Match": f'"{job["version"]}"'})


class Agent(User):
    """A customer's file: the customer, their sites, a site's assets, their work orders."""

    def step(self) -> None:
        file = self.rng.choice(self.company.customers)
        token = self.company.dispatcher
        self.call("GET /customers/{id}", "GET", f"/customers/{file.customer_id}", token)
        self.call("GET /customers/{id}/sites", "GET", f"/customers/{file.customer_id}/sites", token)
        self.call("GET /sites/{id}/assets", "GET", f"/sites/{file.site_id}/assets", token)
        self.call("GET /work-orders?customer_id=", "GET", f"/work-orders?customer_id={file.customer_id}",
                  token)


class RouteReader(User):
    """Today's route, then tomorrow's, as the phone's Today / Tomorrow switch does."""

    def step(self) -> None:
        _, token = self.engineer()
        day = "" if self.rng.random() < 0.5 else f"?date={self.company.tomorrow.isoformat()}"
        self.call("GET /me/route", "GET", f"/me/route{day}", token)


class CallingEngineer(User):
    """Calls back the customers of its own jobs (today's and tomorrow's), one after another.

    When more users than engineers run, the users sharing an engineer split its jobs, so
    they do not race each other for the same versions.
    """

    def setup(self) -> None:
        _, self.token = self.engineer()
        engineers = len(self.company.engineer_tokens)
        share, shares = self.index // engineers, -(-self.peers // engineers)
        jobs: list[dict[str, Any]] = []
        for day in (self.company.today, self.company.tomorrow):
            answer = self.connection.request("GET", f"{API}/me/route?date={day.isoformat()}",
                                             {"Authorization": f"Bearer {self.token}"})
            jobs.extend(answer.json())
        usable = [j for j in jobs if j["status"] in ENGINEER_HELD and j["id"] not in self.company.tap_jobs
                  and j["id"] not in self.company.reserved_jobs]
        mine = usable[share::shares] or usable
        self.versions = {j["id"]: j["version"] for j in mine}
        self.queue = list(self.versions)

    def step(self) -> None:
        if not self.queue:
            return
        job_id = self.queue.pop(0)
        self.queue.append(job_id)
        answer = self.call("POST /work-orders/{id}/customer-contacted", "POST",
                           f"/work-orders/{job_id}/customer-contacted", self.token,
                           {"reason": "Confirmed the window with the customer"},
                           self.write_headers(self.versions[job_id]))
        if answer.status == 200:
            self.versions[job_id] = answer.etag_version or self.versions[job_id]
        elif answer.status == 412:
            fresh = self.call("GET /work-orders/{id}", "GET", f"/work-orders/{job_id}", self.token)
            if fresh.status == 200:
                self.versions[job_id] = fresh.json()["version"]
        elif answer.status == 409:
            self.queue.remove(job_id)


class TappingEngineer(User):
    """Walks its own jobs round the loop assigned → en_route → on_site → on_hold (customer
    absent) on the phone, and the office puts each back: scheduled → assigned. Each tap is
    legal whatever the order, so the loop never runs out."""

    ENGINEER_MOVES = {"assigned": {"to": "en_route"}, "en_route": {"to": "on_site"},
                      "on_site": {"to": "on_hold", "hold_reason": "customer_absent"}}

    def setup(self) -> None:
        tap_jobs = sorted(self.company.tap_jobs)
        mine = tap_jobs[self.index::self.peers] or [tap_jobs[self.index % len(tap_jobs)]]
        self.jobs = {job_id: self.read(job_id, measured=False) for job_id in mine}
        self.queue = [job_id for job_id, job in self.jobs.items() if job is not None]
        tz = ZoneInfo(self.company.timezone)
        self.planned_start = datetime.combine(self.company.today, time(16), tzinfo=tz)

    def read(self, job_id: int, measured: bool = True) -> dict[str, Any] | None:
        path, token = f"/work-orders/{job_id}", self.company.dispatcher
        if measured:
            answer = self.call("GET /work-orders/{id}", "GET", path, token)
        else:
            answer = self.connection.request("GET", API + path, {"Authorization": f"Bearer {token}"})
        return answer.json() if answer.status == 200 else None

    def step(self) -> None:
        if not self.queue:
            return
        job_id = self.queue.pop(0)
        self.queue.append(job_id)
        job = self.jobs[job_id]
        assert job is not None
        engineer_id = self.company.tap_jobs[job_id]
        if job["status"] in self.ENGINEER_MOVES:
            label = "POST /work-orders/{id}/transitions (engineer)"
            token = self.company.engineer_tokens[engineer_id]
            body = self.ENGINEER_MOVES[job["status"]]
        elif job["status"] in ("on_hold", "scheduled"):
            label, token = "POST /work-orders/{id}/transitions (office)", self.company.dispatcher
            body = self.office_move(job["status"], engineer_id)
        else:
            self.queue.remove(job_id)
            return
        answer = self.call(label, "POST", f"/work-orders/{job_id}/transitions", token, body,
                           self.write_headers(job["version"]))
        self.jobs[job_id] = answer.json() if answer.status == 200 else self.read(job_id) or job

    def office_move(self, status: str, engineer_id: int) -> dict[str, Any]:
        if status == "on_hold":
            return {"to": "scheduled"}
        end = self.planned_start + timedelta(hours=1)
        return {"to": "assigned", "engineer_id": engineer_id, "planned_start": self.planned_start.isoformat(),
                "planned_end": end.isoformat()}


# A mix of ten users, repeated: two of each kind, one editing dispatcher and one tapping engineer.
MIX = (RouteReader, CallingEngineer, Dispatcher, Agent, TappingEngineer,
       RouteReader, CallingEngineer, Dispatcher, EditingDispatcher, Agent)

SCENARIOS: dict[str, Any] = {
    "list": (Dispatcher,),
    "route": (RouteReader,),
    "callback": (CallingEngineer,),
    "status": (TappingEngineer,),
    "dispatcher": (EditingDispatcher,),
    "customer": (Agent,),
    "mix": MIX,
}


def users_for(scenario: str, company: Company, clients: int, seed: int) -> list[User]:
    kinds = (BareUser,) if scenario == "bare" else SCENARIOS[scenario]
    users = []
    for n in range(clients):
        kind = kinds[n % len(kinds)]
        same_kind = [k for k in range(clients) if kinds[k % len(kinds)] is kind]
        users.append(kind(company, same_kind.index(n), len(same_kind), seed))
    return users
