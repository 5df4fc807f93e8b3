"""Time from POST /plans to a published plan, for a 400-job / 40-engineer day built in a fresh
database through the real use cases; and how the API answers other requests meanwhile.

    .venv/bin/python bench/plan_api.py                       # fresh SQLite, 30 s plan
    .venv/bin/python bench/plan_api.py --database-url postgresql+psycopg://postgres@127.0.0.1/test \
        --time-limit 30 --jobs 400 --engineers 40

The day is the optimizer bench's field day (``dispatch.optimizer.fieldday``: homes and sites over
a 30 km city, 2 h windows, five trades at levels, lunch breaks, 8 % of jobs needing a part that
only some vans carry), written as engineers, customers, sites, service requests and work orders.
The plan runs the way the web runs it: a worker process per plan (``PLAN_RUNNER=subprocess``).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from core.auth import Actor, Role, create_user, password_hasher  # noqa: E402
from core.cli import upgrade_database  # noqa: E402
from core.db import UnitOfWork  # noqa: E402
from dispatch.optimizer import fieldday  # noqa: E402
from engineers import service as engineers  # noqa: E402
from engineers import working_time  # noqa: E402
from spareparts.catalog import service as catalog  # noqa: E402
from spareparts.ledger import service as ledger  # noqa: E402
from spareparts.ledger.models import Condition, MovementKind  # noqa: E402
from spareparts.ledger.service import Leg  # noqa: E402
from spareparts.locations import service as locations  # noqa: E402
from spareparts.locations.models import LocationKind, StockLocation  # noqa: E402
from workorders import Category, Channel, Status, Tier  # noqa: E402
from workorders.customers import service as customers  # noqa: E402
from workorders.orders import service as work_orders  # noqa: E402
from workorders.requests import service as requests  # noqa: E402

DAY = date(2026, 12, 1)
PASSWORD = "bench-dispatch-1"


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--engineers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="parallel searches inside the run")
    return parser.parse_args()


def _clean_postgres(url: str) -> None:
    from core.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS fixroute_bench CASCADE"))
        connection.execute(text("CREATE SCHEMA fixroute_bench"))
    engine.dispose()


def _drop_postgres(url: str) -> None:
    from core.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS fixroute_bench CASCADE"))
    engine.dispose()


def _database(url: str | None) -> str:
    if url is None:
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='fixroute-bench-')) / 'bench.db'}"
    _clean_postgres(url)
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3Dfixroute_bench"


def _hhmm(seconds: int) -> Any:
    return (datetime.min + timedelta(seconds=int(seconds))).time()


def build_day(uow: UnitOfWork, shape: fieldday.FieldDayShape) -> dict[str, int]:
    """The field day as database rows, through the same use cases the API calls."""
    hasher = password_hasher(1, 8 * 1024)
    user = create_user(uow, hasher, "bench", PASSWORD, Role.DISPATCHER)
    office = Actor(user.id, user.username, user.role)
    rng = np.random.default_rng(shape.seed)
    drafts_e, drafts_j = fieldday.draft_engineers(rng, shape), fieldday.draft_jobs(rng, shape)
    allowed, _pins = fieldday.parts_and_pins(rng, shape, drafts_e, drafts_j)
    for code, (lat, lon) in (("WH-N", (22.62, 114.05)), ("WH-S", (22.50, 114.05))):
        locations.create_location(uow, {"code": code, "name": f"Warehouse {code}",
                                        "kind": LocationKind.WAREHOUSE, "lat": lat, "lon": lon})
    engineer_ids = [_engineer(uow, office, n, draft, shape) for n, draft in enumerate(drafts_e)]
    tz = ZoneInfo(uow.settings["TIMEZONE"])
    parts_jobs = 0
    for n, draft in enumerate(drafts_j):
        sku = None
        if n in allowed:
            sku = f"BENCH-{n:04d}"
            catalog.create_part(uow, {"sku": sku, "name": f"Part for job {n}"})
            for e in allowed[n]:
                _stock(uow, locations.find_van(uow, engineer_ids[e]), sku)
            parts_jobs += 1
        _job(uow, office, n, draft, tz, sku)
    return {"engineers": len(engineer_ids), "jobs": len(drafts_j), "jobs_with_parts": parts_jobs}


def _engineer(uow: UnitOfWork, office: Actor, n: int, draft: Any, shape: fieldday.FieldDayShape) -> int:
    engineer = engineers.create_engineer(uow, name=f"Engineer {n + 1:03d}", phone=f"+86 138 {n:08d}",
                                         home_lat=draft.home[0], home_lon=draft.home[1], skills=draft.skills)
    lunch = shape.lunch_window_s
    working_time.replace_weekly_pattern(uow, office, engineer.id, [
        {"weekday": weekday, "shift_start": _hhmm(draft.shift_start_s),
         "shift_end": _hhmm(draft.shift_start_s + shape.shift_s), "break_window_start": _hhmm(lunch[0]),
         "break_window_end": _hhmm(lunch[1]), "break_length_min": shape.lunch_s // 60}
        for weekday in range(7)])
    return engineer.id


def _stock(uow: UnitOfWork, van: StockLocation, sku: str) -> None:
    supplier = Leg(locations.virtual_location(uow, LocationKind.SUPPLIER), Condition.GOOD)
    ledger.append(uow, None, kind=MovementKind.RECEIVE, part=catalog.part_by_sku(uow, sku), qty=1,
                  source=supplier, target=Leg(van, Condition.GOOD), serial=None, reason="bench stock")


def _job(uow: UnitOfWork, office: Actor, n: int, draft: Any, tz: ZoneInfo, sku: str | None) -> None:
    customer = customers.create_customer(uow, {"name": f"Customer {n}", "tier": Tier.B,
                                               "phone": f"+86 139 {n:08d}"})
    site = customers.create_site(uow, office, customer.id, {
        "address": f"{n} Bench Rd", "lat": draft.location[0], "lon": draft.location[1]})
    request = requests.create_service_request(uow, {
        "channel": Channel.PHONE, "category": Category.REPAIR, "customer_id": customer.id, "site_id": site.id,
        "symptom": "Bench fault"})
    start = datetime.combine(DAY, _hhmm(draft.window_start_s), tzinfo=tz)
    work_order = requests.convert_request(uow, office, request.id, {
        "estimated_duration_s": draft.duration_s, "priority": draft.priority,
        "window_start": start, "window_end": start + timedelta(hours=2),
        "required_skills": [{"skill": s, "min_level": level} for s, level in draft.skills.items()],
        "parts_needed": [{"sku": sku, "qty": 1}] if sku else []})
    work_orders.transition_work_order(uow, office, work_order.id, None, Status.SCHEDULED, {})


def main() -> int:
    args = _args()
    url = _database(args.database_url)
    upgrade_database(url)
    app = create_app({"DATABASE_URL": url, "PLAN_RUNNER": "subprocess", "PLAN_WORKERS": args.workers,
                      "PLAN_MAX_TIME_LIMIT_S": max(600.0, args.time_limit)})
    rt = app.extensions["fixroute"]
    began = time.monotonic()
    with rt.unit_of_work() as uow:
        shape = fieldday.FieldDayShape(jobs=args.jobs, engineers=args.engineers, seed=args.seed)
        counts = build_day(uow, shape)
    print(f"database: {rt.engine.dialect.name}; built {counts} in {time.monotonic() - began:.1f} s")
    client = app.test_client()
    token = client.post("/api/v1/auth/login", json={"username": "bench", "password": PASSWORD}).json["token"]
    headers = {"Authorization": f"Bearer {token}"}

    posted = time.monotonic()
    accepted = client.post("/api/v1/plans", json={"date": DAY.isoformat(), "time_limit_s": args.time_limit},
                           headers=headers)
    answered_s = time.monotonic() - posted
    plan_id = accepted.json["id"]
    latencies, body = [], {}
    while True:
        began = time.monotonic()
        listed = client.get(f"/api/v1/work-orders?date={DAY}&per_page=50", headers=headers)
        latencies.append(time.monotonic() - began)
        assert listed.status_code == 200
        body = client.get(f"/api/v1/plans/{plan_id}", headers=headers).json
        if body["run_status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    solved_s = time.monotonic() - posted
    published = client.post(f"/api/v1/plans/{plan_id}/publish", headers=headers)
    total_s = time.monotonic() - posted
    if body["run_status"] != "done" or published.status_code != 200:
        print(f"plan {plan_id} {body['run_status']}: {body.get('error')} / publish {published.status_code} "
              f"{published.json}")
        return 1
    totals = body["totals"]
    reasons: dict[str, int] = {}
    for item in body["unassigned"]:
        reasons[item["reason"]] = reasons.get(item["reason"], 0) + 1
    print(f"POST /plans answered 202 in {answered_s * 1000:.0f} ms")
    print(f"solved (time limit {args.time_limit:g} s, engine {body['engine']}) {solved_s:.1f} s after POST; "
          f"published {total_s:.1f} s after POST (publish itself {total_s - solved_s:.1f} s)")
    print(f"served {totals['served']} of {totals['jobs']} jobs by {len(body['routes'])} engineers; "
          f"{totals['distance_km']} km; overtime {totals['overtime_s'] // 60} min; unassigned {reasons}")
    answer = published.json
    print(f"published: {answer['reservations']} part reservations, {answer['notices']} notices")
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"GET /work-orders while solving: {len(latencies)} requests, median "
          f"{statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {ordered[-1] * 1000:.0f} ms")
    rt.engine.dispose()
    if args.database_url is not None:
        _drop_postgres(args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
